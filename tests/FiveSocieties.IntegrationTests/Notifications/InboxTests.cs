using System.Diagnostics;
using FiveSocieties.BuildingBlocks.Messaging;
using System.Net;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Notifications.Notifications;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Notifications;

public sealed class InboxFixture : IAsyncLifetime
{
    public TestIsolation Isolation { get; } = new();
    public NotificationsHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        Host = await new NotificationsHost(Isolation).StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        await Isolation.DisposeAsync();
    }
}

/// <summary>Rules end to end on real RabbitMQ and PostgreSQL: the right person's inbox, once; only their own.</summary>
public sealed class InboxTests(InboxFixture fixture) : IClassFixture<InboxFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private NotificationsHost Host => fixture.Host;

    private async Task<(Guid Caseworker, Guid Station, Guid Case)> OpenCaseAsync()
    {
        var (caseworker, station, caseId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Host.PublishAsync(new V1.CaseOpened(Guid.NewGuid(), Now, caseId, station, caseworker, V1.ClientGroup.Elderly,
            [V1.ClientCategory.LivesAlone], new V1.GridLocation("平城区", "新建南路街道", "G-07")));
        var admin = Host.ClientAs(Roles.Admin, Guid.NewGuid());
        await Eventually.Until(() => admin.GetAsync($"/recipients/{caseworker}"), r => r.IsSuccessStatusCode, "the caseworker in the directory");
        return (caseworker, station, caseId);
    }

    private static V1.ReferralProposed Proposed(Guid caseworker, Guid station, Guid caseId, Guid provider) =>
        new(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), caseId, station, caseworker, Guid.NewGuid(), provider, "平城区长者食堂", "午餐配送",
            V1.NeedCategory.MealDelivery, 0.9, ["1.2 km"], Now.AddDays(2));

    [Fact]
    public async Task A_proposed_referral_asks_the_caseworker_to_approve_and_once_approved_the_provider_s_users_to_accept()
    {
        var (caseworker, station, caseId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var provider = Guid.NewGuid();
        var proposed = Proposed(caseworker, station, caseId, provider);
        await Host.PublishAsync(proposed);

        var mine = await Host.ClientAs(Roles.Caseworker, caseworker, station).InboxWithAsync("referral-proposed.approve");
        mine[0].GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["approve", "decline"]);
        mine[0].GetProperty("title").GetString().ShouldBe("转介待审批：午餐配送");
        mine[0].GetProperty("caseId").GetGuid().ShouldBe(caseId);

        // The provider hears of it only once it is approved; then any user of the provider sees the organisation's inbox.
        var canteenUser = Host.ClientAs(Roles.Provider, Guid.NewGuid(), providerId: provider);
        (await canteenUser.InboxAsync()).ShouldBeEmpty("a proposal is the station's own until approved");
        await Host.PublishAsync(new V1.ReferralApproved(Guid.NewGuid(), Now, proposed.ReferralId, proposed.NeedId, caseId, station, caseworker,
            proposed.OfferId, provider, proposed.OfferTitle, proposed.Category, Now.AddDays(1)));
        (await canteenUser.InboxWithAsync("referral-approved.accept"))[0].GetProperty("actions").EnumerateArray()
            .Select(a => a.GetString()).ShouldBe(["accept", "decline"]);
        (await Host.ClientAs(Roles.Provider, Guid.NewGuid(), providerId: Guid.NewGuid()).InboxAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_inbox_pages_newest_first_with_its_total_and_unread_count_on_every_page()
    {
        var (caseworker, station) = (Guid.NewGuid(), Guid.NewGuid());
        var client = Host.ClientAs(Roles.Caseworker, caseworker, station);
        for (var i = 0; i < 3; i++)
            await Host.PublishAsync(new V1.ReferralExpired(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), station, caseworker,
                Guid.NewGuid(), Guid.NewGuid(), V1.ReferralStep.AwaitingApproval));
        var all = await client.InboxWithAsync("referral-expired", 3);
        (await client.PostAsync($"/inbox/{all.Single(n => n.GetProperty("position").GetInt64() == 1).GetProperty("id").GetGuid()}/read", null))
            .EnsureSuccessStatusCode();

        // "positions | total | unread"
        async Task<string> PageAsync(string query)
        {
            var page = await HttpJson.Json(await client.GetAsync("/inbox" + query));
            var positions = string.Join(',', page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("position").GetInt64()));
            return $"{positions} | {page.GetProperty("total").GetInt64()} | {page.GetProperty("unread").GetInt64()}";
        }

        (await PageAsync("?pageSize=2")).ShouldBe("3,2 | 3 | 2");
        (await PageAsync("?page=2&pageSize=2")).ShouldBe("1 | 3 | 2");
        (await PageAsync("?page=3&pageSize=2")).ShouldBe(" | 3 | 2", "a page beyond the end is empty, and says how many there are");
        (await PageAsync("?unread=true&pageSize=1")).ShouldBe("3 | 2 | 2");
        (await client.GetAsync("/inbox?pageSize=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_rule_group_s_commit_is_traced_in_its_message_s_trace_and_the_notification_carries_the_trace_on()
    {
        var trace = ActivityTraceId.CreateRandom();
        var finished = new System.Collections.Concurrent.ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData,
            ActivityStopped = activity => { if (activity.TraceId == trace) finished.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("FiveSocieties.Tests");
        var (caseworker, station) = (Guid.NewGuid(), Guid.NewGuid());
        var expired = new V1.ReferralExpired(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), station, caseworker,
            Guid.NewGuid(), Guid.NewGuid(), V1.ReferralStep.AwaitingApproval);
        using (source.StartActivity("a request somewhere", ActivityKind.Server, new ActivityContext(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded)))
            await Host.PublishAsync(expired);

        var id = (await Host.ClientAs(Roles.Caseworker, caseworker, station).InboxWithAsync("referral-expired"))[0].GetProperty("id").GetGuid();
        var group = await Eventually.Until(() => Task.FromResult(finished.Where(a => a.Source.Name == InboxTracing.SourceName).ToList()),
            spans => spans.Count >= 1, "the group commit's span in the message's trace");
        group[0].GetTagItem("messaging.batch.message_count").ShouldNotBeNull();
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var created = (await session.Events.FetchStreamAsync(id))[0];
        created.Headers.ShouldNotBeNull();
        created.Headers["traceparent"].ToString()!.ShouldContain(trace.ToHexString(), Case.Insensitive,
            "the relay would continue this trace from the notification's events");
    }

    [Fact]
    public async Task The_same_source_event_published_twice_or_redelivered_creates_one_notification()
    {
        var (caseworker, station, caseId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var declined = new V1.ReferralDeclined(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), caseId, station, caseworker, Guid.NewGuid(),
            Guid.NewGuid(), V1.ReferralDeclinedBy.Provider, V1.ReferralDeclineReason.NoCapacity);
        var receivedBefore = Host.ReceivedOn("notifications-rules");
        await Host.PublishAsync(declined);                              // the relay's publish
        await Host.PublishAsync(declined);                              // the same MassTransit message again (same MessageId)
        var republished = Guid.NewGuid();
        await Host.PublishAsync(declined, messageId: republished);      // re-published under another MessageId: same EventId
        var marker = declined with { EventId = Guid.NewGuid() };        // a genuinely new event, published last
        await Host.PublishAsync(marker);

        var client = Host.ClientAs(Roles.Caseworker, caseworker, station);
        await client.InboxWithAsync("referral-declined", 2);
        // Every copy has been received and handled (the duplicates as no-ops) before counting: the re-published
        // one committed its inbox record, and the queue has finished with all four deliveries.
        await Eventually.Until(() => Host.RulesHandledAsync(republished), handled => handled, "the re-published copy handled");
        await Eventually.Until(() => Task.FromResult(Host.ReceivedOn("notifications-rules") - receivedBefore), n => n >= 4, "all four copies received");
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var all = await session.Query<Notification>().Where(n => n.RecipientId == caseworker).ToListAsync();
        all.Count.ShouldBe(2);
        all.Select(n => n.SourceEventId).ShouldBe([declined.EventId, marker.EventId], ignoreOrder: true);
        all.Single(n => n.SourceEventId == declined.EventId).Id
            .ShouldBe(NotificationIds.For(declined.EventId, caseworker, "referral-declined"));
    }

    [Fact]
    public async Task A_referral_cancelled_because_the_offer_went_away_tells_the_caseworker_but_not_when_they_ended_it_themselves()
    {
        var (caseworker, station, caseId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var english = Host.ClientAs(Roles.Caseworker, caseworker, station);
        (await english.PutPreferencesAsync(new { language = "en" })).EnsureSuccessStatusCode();
        V1.ReferralCancelled Cancelled(V1.ReferralCancelCause cause) => new(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), caseId, station,
            caseworker, Guid.NewGuid(), Guid.NewGuid(), V1.ReferralStep.Accepted, cause);
        var all = Enum.GetValues<V1.ReferralCancelCause>().Select(Cancelled).ToList();
        foreach (var cancelled in all) await Host.PublishAsync(cancelled);

        var told = await english.InboxWithAsync("referral-cancelled", 2);
        told.ShouldAllBe(n => n.GetProperty("urgency").GetString() == "Normal");
        told.Select(n => n.GetProperty("body").GetString()).ShouldContain(b => b!.Contains("OfferWithdrawn") && b.Contains("the need is open again"));
        // Every cancellation has been handled (the inbox recorded each): the two the caseworker caused made no notification.
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var ids = all.Select(c => c.EventId).ToList();
        await Eventually.Until(() => session.Query<FiveSocieties.BuildingBlocks.Messaging.InboxRecord>().Where(r => ids.Contains(r.MessageId)).CountAsync(),
            n => n == all.Count, "every cancellation handled");
        (await session.Query<Notification>().Where(n => n.RecipientId == caseworker).Select(n => n.SourceEventId).ToListAsync())
            .ShouldBe(all.Where(c => c.Cause is V1.ReferralCancelCause.OfferWithdrawn or V1.ReferralCancelCause.OfferExpired).Select(c => c.EventId),
                ignoreOrder: true);
    }

    [Fact]
    public async Task A_missed_meal_for_someone_living_alone_is_urgent_for_the_case_s_caseworker_who_acknowledges_it()
    {
        var (caseworker, station, caseId) = await OpenCaseAsync();
        await Host.PublishAsync(new V1.DeliveryMissed(Guid.NewGuid(), Now, Guid.NewGuid(), caseId, station, Guid.NewGuid(),
            DateOnly.FromDateTime(Now.Date), V1.MissReason.NoAnswerAtDoor, LivesAlone: true));
        await Host.PublishAsync(new V1.DeliveryMissed(Guid.NewGuid(), Now, Guid.NewGuid(), caseId, station, Guid.NewGuid(),
            DateOnly.FromDateTime(Now.Date), V1.MissReason.RecipientAway, LivesAlone: false));

        var client = Host.ClientAs(Roles.Caseworker, caseworker, station);
        var urgent = (await client.InboxWithAsync("delivery-missed.lives-alone"))[0];
        urgent.GetProperty("urgency").GetString().ShouldBe("Urgent");
        urgent.TryGetProperty("acknowledgeBy", out _).ShouldBeTrue();
        var normal = (await client.InboxWithAsync("delivery-missed"))[0];
        normal.GetProperty("urgency").GetString().ShouldBe("Normal");

        var id = urgent.GetProperty("id").GetGuid();
        var acknowledged = await HttpJson.Json(await client.PostAsync($"/inbox/{id}/acknowledge", null));
        var version = acknowledged.GetProperty("version").GetInt64();
        (await client.PostAsync($"/inbox/{id}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.OK); // a repeat changes nothing

        var refused = await client.PostAsync($"/inbox/{normal.GetProperty("id").GetGuid()}/acknowledge", null);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("notification.not-urgent");

        // The acknowledgement moved the urgent one past the version it was created at.
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/inbox/{id}/read");
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{urgent.GetProperty("version").GetInt64()}\"");
        (await client.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await client.PostAsync($"/inbox/{normal.GetProperty("id").GetGuid()}/read", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = (await client.InboxAsync()).Single(i => i.GetProperty("id").GetGuid() == id);
        after.GetProperty("acknowledgedAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);
        after.GetProperty("version").GetInt64().ShouldBe(version);
        (await client.InboxAsync("?unread=true")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Users_see_only_their_own_notifications_another_s_id_is_not_found()
    {
        var (caseworker, station, caseId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Host.PublishAsync(new V1.ReferralAccepted(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), caseId, station, caseworker,
            Guid.NewGuid(), Guid.NewGuid(), "长者食堂", V1.NeedCategory.MealDelivery, null, null));
        var id = (await Host.ClientAs(Roles.Caseworker, caseworker, station).InboxWithAsync("referral-accepted"))[0].GetProperty("id").GetGuid();

        var someoneElse = Host.ClientAs(Roles.Caseworker, Guid.NewGuid(), station);
        (await someoneElse.InboxAsync()).ShouldBeEmpty();
        (await someoneElse.PostAsync($"/inbox/{id}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await someoneElse.PostAsync($"/inbox/{Guid.NewGuid()}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Host.CreateClient().GetAsync("/inbox")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await someoneElse.GetAsync("/deliveries/failures")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_matched_resource_tells_each_caseworker_once_about_their_cases_in_their_language()
    {
        var (first, second, station) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var english = Host.ClientAs(Roles.Caseworker, second, station);
        (await english.PutPreferencesAsync(new { language = "en" })).EnsureSuccessStatusCode();
        await Host.PublishAsync(new V1.ResourceMatchedToNeeds(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), "广灵县爱心助学会", "课业辅导",
            V1.NeedCategory.Tutoring,
            [
                new V1.MatchedCaseworker(first, station, [new V1.MatchedNeed(Guid.NewGuid(), a, 0.9), new V1.MatchedNeed(Guid.NewGuid(), b, 0.8)]),
                new V1.MatchedCaseworker(second, station, [new V1.MatchedNeed(Guid.NewGuid(), c, 0.7)]),
            ]));

        var mine = await Host.ClientAs(Roles.Caseworker, first, station).InboxWithAsync("resource-matched");
        mine.Length.ShouldBe(1);
        mine[0].GetProperty("body").GetString()!.ShouldContain(a.ToString());
        mine[0].GetProperty("body").GetString()!.ShouldContain(b.ToString());
        mine[0].GetProperty("body").GetString()!.ShouldContain("广灵县爱心助学会");
        var theirs = await english.InboxWithAsync("resource-matched");
        theirs.Length.ShouldBe(1);
        theirs[0].GetProperty("title").GetString().ShouldBe("New resource: 课业辅导");
        theirs[0].GetProperty("body").GetString()!.ShouldNotContain(a.ToString());
    }

    [Fact]
    public async Task Volunteers_and_providers_enter_the_directory_from_events()
    {
        var (volunteer, provider, station) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Host.PublishAsync(new V1.VolunteerRegistered(Guid.NewGuid(), Now, volunteer, station, "李秀英", "13800000000",
            [V1.VolunteerSkill.MealDelivery], true));
        await Host.PublishAsync(new V1.ProviderRegistered(Guid.NewGuid(), Now, provider, "平城区长者食堂", V1.ProviderKind.Canteen,
            "91140200MA0K000000", new V1.ServiceArea(["平城区"], [], [])));
        var admin = Host.ClientAs(Roles.Admin, Guid.NewGuid());
        var entry = await Eventually.Until(async () => await admin.GetAsync($"/recipients/{volunteer}"), r => r.IsSuccessStatusCode, "volunteer");
        (await HttpJson.Json(entry)).GetProperty("kind").GetString().ShouldBe("Volunteer");
        (await HttpJson.Json(entry)).ToString().ShouldNotContain("13800000000"); // the phone is not kept
        var providerEntry = await Eventually.Until(async () => await admin.GetAsync($"/recipients/{provider}"), r => r.IsSuccessStatusCode, "provider");
        (await HttpJson.Json(providerEntry)).GetProperty("kind").GetString().ShouldBe("Provider");

        await Host.PublishAsync(new V1.VolunteerDispatched(Guid.NewGuid(), Now, Guid.NewGuid(), V1.VolunteerTaskKind.MealDelivery, volunteer,
            station, Guid.NewGuid(), DateOnly.FromDateTime(Now.Date.AddDays(1)), new TimeOnly(11, 0), new TimeOnly(12, 0), 1, Now.AddHours(3)));
        var task = (await Host.ClientAs(Roles.Volunteer, volunteer).InboxWithAsync("volunteer-dispatched"))[0];
        task.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["accept", "decline"]);
        task.GetProperty("body").GetString()!.ShouldContain("11:00–12:00");
    }

    [Fact]
    public async Task Preferences_are_the_signed_in_user_s_and_bad_ones_are_400_naming_each_field()
    {
        var user = Guid.NewGuid();
        var client = Host.ClientAs(Roles.Caseworker, user, Guid.NewGuid());
        var defaults = await HttpJson.Json(await client.GetAsync("/preferences"));
        defaults.GetProperty("language").GetString().ShouldBe("zh-CN");

        var bad = await client.PutPreferencesAsync(new { language = "fr", quietFrom = "25:00", channels = new[] { "Email" }, email = "", timeZone = "Mars/Olympus" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "language", "quietFrom", "email", "timeZone" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        var badChannel = await client.PutPreferencesAsync(new { channels = new[] { "Pigeon" } });
        badChannel.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badChannel.Content.ReadAsStringAsync()).ShouldContain("channels");

        var set = await HttpJson.Json(await client.PutPreferencesAsync(new
        {
            channels = new[] { "Email" }, language = "en", quietFrom = "22:00", quietTo = "07:00", email = "wang.fang@example.cn",
        }));
        set.GetProperty("channels").EnumerateArray().Select(c => c.GetString()).ShouldBe(["InApp", "Email"]);
        set.GetProperty("quietFrom").GetString().ShouldBe("22:00");
        (await HttpJson.Json(await client.GetAsync("/preferences"))).GetProperty("email").GetString().ShouldBe("wang.fang@example.cn");
        (await HttpJson.Json(await Host.ClientAs(Roles.Caseworker, Guid.NewGuid()).GetAsync("/preferences")))
            .GetProperty("language").GetString().ShouldBe("zh-CN");
    }

    [Fact]
    public async Task Cases_roster_posts_and_volunteers_arriving_together_commit_together_and_one_caseworker_s_cases_all_land()
    {
        // Six cases of one caseworker and six of six others, three sent twice, all at once; eight
        // people joining eight stations' rosters, two sent twice; ten volunteers registering, two twice.
        var busy = Guid.NewGuid();
        var opened = Enumerable.Range(0, 12).Select(i => new V1.CaseOpened(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(),
            i < 6 ? busy : Guid.NewGuid(), V1.ClientGroup.Elderly, [], new V1.GridLocation("平城区", "新建南路街道", "G-07"))).ToList();
        var joined = Enumerable.Range(0, 8).Select(_ => new V1.StaffJoined(Guid.NewGuid(), Now, Guid.NewGuid(), V1.StaffRole.Caseworker,
            Guid.NewGuid(), "140202")).ToList();
        var volunteers = Enumerable.Range(0, 10).Select(_ => new V1.VolunteerRegistered(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(),
            "志愿者", "13800000000", [], IsSenior: false)).ToList();
        await Task.WhenAll(opened.Concat(opened.Take(3)).Select(m => Host.PublishAsync(m))
            .Concat(joined.Concat(joined.Take(2)).Select(m => Host.PublishAsync(m, streamVersion: 1)))
            .Concat(volunteers.Concat(volunteers.Take(2)).Select(m => Host.PublishAsync(m))));

        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var schema = fixture.Isolation.SchemaFor("notifications");
        var cases = opened.Select(m => m.CaseId).ToList();
        var (_, caseTransactions) = await Eventually.Until(() => StoredEvents.WrittenAsync(store, schema, cases), w => w.Events >= 12,
            "every case answered for");
        var caseworkers = opened.Select(m => m.CaseworkerId).Distinct().ToList();
        (await StoredEvents.WrittenAsync(store, schema, caseworkers)).Events.ShouldBe(7, "each caseworker entered the directory once");
        caseTransactions.ShouldBeLessThan(12, "cases that arrived together committed together");
        (await StoredEvents.WrittenAsync(store, schema, cases)).Events.ShouldBe(12, "each case once");

        var people = joined.Select(m => m.PersonId).ToList();
        var (posts, rosterTransactions) = await Eventually.Until(() => StoredEvents.WrittenAsync(store, schema, people), w => w.Events >= 8,
            "every post taken");
        posts.ShouldBe(8);
        rosterTransactions.ShouldBeLessThan(8, "posts that arrived together committed together");
        (await StoredEvents.WrittenAsync(store, schema, joined.Select(m => m.StationId!.Value).ToList())).Events.ShouldBe(8, "each station placed once");

        var entered = volunteers.Select(m => m.VolunteerId).ToList();
        var (volunteerEvents, volunteerTransactions) = await Eventually.Until(() => StoredEvents.WrittenAsync(store, schema, entered),
            w => w.Events >= 10, "every volunteer in the directory");
        volunteerEvents.ShouldBe(10);
        volunteerTransactions.ShouldBeLessThan(10, "volunteers who arrived together committed together");
    }
}
