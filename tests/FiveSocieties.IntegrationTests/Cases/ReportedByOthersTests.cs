using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Cases.Cases;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>
/// What Matching and Volunteers report, consumed over RabbitMQ: needs move with the referrals,
/// deliveries and volunteer visits land on the timeline, a missed meal for someone who lives alone
/// flags a safety check; and what Cases tells in return (NeedFulfilled, VisitOverdue, NeedRaised's facts).
/// </summary>
public sealed class ReportedByOthersTests(CasesWithNeighbours cases) : IClassFixture<CasesWithNeighbours>
{
    private readonly Guid _caseworker = Guid.NewGuid();
    private HttpClient Caseworker => cases.ClientAs(Roles.Caseworker, _caseworker);

    private async Task<(Guid Case, Guid Need)> CaseWithNeedAsync()
    {
        var (household, member) = await cases.RegisterClientAsync(Caseworker);
        var caseId = await cases.OpenCaseForAsync(Caseworker, household, member);
        var needId = Guid.NewGuid();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { needId, category = "MealDelivery", urgency = "Urgent" }))
            .EnsureSuccessStatusCode();
        return (caseId, needId);
    }

    private Task<JsonElement> CaseAsync(Guid caseId) => Caseworker.GetAsync($"/cases/{caseId}").ContinueWith(r => Json(r.Result)).Unwrap();

    private async Task<IReadOnlyList<string>> TimelineKindsAsync(Guid caseId) =>
        (await Json(await Caseworker.GetAsync($"/cases/{caseId}/timeline"))).EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToList();

    private Task<JsonElement> NeedWhenAsync(Guid caseId, string status) => Eventually.Until(
        async () => (await CaseAsync(caseId)).GetProperty("needs").EnumerateArray().Single(),
        n => n.GetProperty("status").GetString() == status, $"need {status}");

    private Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        cases.Neighbours.Bus.Publish(message, context => { if (messageId is { } id) context.MessageId = id; });

    private V1.ReferralAccepted Accepted(Guid caseId, Guid needId, Guid referral) => new(Guid.NewGuid(), cases.Clock.GetUtcNow(), referral, needId,
        caseId, cases.Station, _caseworker, Guid.NewGuid(), Guid.NewGuid(), "天镇县长者食堂", V1.NeedCategory.MealDelivery, null, null);

    [Fact]
    public async Task A_referral_matches_then_fulfils_the_need_and_every_step_is_on_the_timeline()
    {
        var (caseId, needId) = await CaseWithNeedAsync();
        var referral = Guid.NewGuid();
        var (offer, provider) = (Guid.NewGuid(), Guid.NewGuid());
        var now = cases.Clock.GetUtcNow();
        await PublishAsync(new V1.ReferralProposed(Guid.NewGuid(), now, referral, needId, caseId, cases.Station, _caseworker, offer, provider,
            "天镇县长者食堂", "助餐", V1.NeedCategory.MealDelivery, 0.9, ["same grid"], now.AddDays(2)));
        await PublishAsync(new V1.ReferralApproved(Guid.NewGuid(), now, referral, needId, caseId, cases.Station, _caseworker, offer, provider,
            "助餐", V1.NeedCategory.MealDelivery, now.AddDays(2)));
        // Sent twice with one MessageId (a redelivery): the inbox lets it count once.
        var acceptance = Guid.NewGuid();
        await PublishAsync(Accepted(caseId, needId, referral), acceptance);
        await PublishAsync(Accepted(caseId, needId, referral), acceptance);
        (await NeedWhenAsync(caseId, "Matched")).GetProperty("referralId").GetGuid().ShouldBe(referral);

        await PublishAsync(new V1.ReferralCompleted(Guid.NewGuid(), now, referral, needId, caseId, cases.Station, _caseworker, offer, provider,
            V1.ReferralOutcome.Fulfilled));
        await NeedWhenAsync(caseId, "Fulfilled");
        var fulfilled = await Eventually.Until(
            () => Task.FromResult(cases.Neighbours.Received.Of<V1.NeedFulfilled>().SingleOrDefault(n => n.NeedId == needId)), n => n is not null, "NeedFulfilled");
        fulfilled!.ReferralId.ShouldBe(referral);

        // Each contract has its own queue, so the steps may land in any order; all of them land, once.
        var kinds = await Eventually.Until(() => TimelineKindsAsync(caseId),
            k => new[] { "ReferralProposed", "ReferralApproved" }.All(k.Contains), "proposal and approval on the timeline");
        kinds.Where(k => k.StartsWith("Referral") || k.StartsWith("Need")).Order().ShouldBe(
            new[] { "NeedRaised", "ReferralProposed", "ReferralApproved", "ReferralAccepted", "NeedMatched", "ReferralCompleted", "NeedFulfilled" }.Order());
    }

    [Fact]
    public async Task A_volunteer_shown_the_clients_address_is_on_the_cases_access_audit_once_however_often_the_bus_says_it()
    {
        var (caseId, _) = await CaseWithNeedAsync();
        var volunteer = Guid.NewGuid();
        var shown = new V1.RecipientDetailsShown(Guid.NewGuid(), cases.Clock.GetUtcNow(), caseId, cases.Station, Guid.NewGuid(), volunteer,
            volunteer, ["volunteer"]);
        var messageId = Guid.NewGuid();
        await PublishAsync(shown, messageId);
        await PublishAsync(shown, messageId);

        var supervisor = cases.ClientAs(Roles.Supervisor);
        var entries = await Eventually.Until(
            async () => (await Json(await supervisor.GetAsync($"/audit?caseId={caseId}"))).EnumerateArray()
                .Where(e => e.GetProperty("what").GetString() == "volunteer-task").ToList(),
            list => list.Count > 0, "the volunteer's read on the case's audit");
        var entry = entries.ShouldHaveSingleItem();
        entry.GetProperty("readerId").GetGuid().ShouldBe(volunteer);
        entry.GetProperty("readerRoles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["volunteer"]);
        entry.GetProperty("at").GetDateTimeOffset().ShouldBe(shown.OccurredAt);
        var station = await Json(await supervisor.GetAsync($"/stations/{cases.Station}/audit?readerId={volunteer}"));
        station.GetProperty("items").EnumerateArray().Single().GetProperty("recordId").GetGuid().ShouldBe(caseId);
        // Both copies reached the service; the inbox let the second change nothing.
        await Eventually.Until(() => Task.FromResult(cases.Host.ReceivedOn("cases-recipient-details-shown")), n => n >= 2, "both copies received");
        (await Json(await supervisor.GetAsync($"/audit?caseId={caseId}"))).EnumerateArray()
            .Count(e => e.GetProperty("what").GetString() == "volunteer-task").ShouldBe(1);

        // A coordinator's list of meal enrolments showed them too: on the audit as that.
        var coordinator = Guid.NewGuid();
        await PublishAsync(shown with { EventId = Guid.NewGuid(), DeliveryId = Guid.Empty, VolunteerId = Guid.Empty, ReaderId = coordinator,
            ReaderRoles = ["supervisor"], Where = "meal-enrolments" }, Guid.NewGuid());
        await Eventually.Until(async () => (await Json(await supervisor.GetAsync($"/audit?caseId={caseId}"))).EnumerateArray()
            .Where(e => e.GetProperty("what").GetString() == "meal-enrolments").ToList(),
            list => list.Count == 1 && list[0].GetProperty("readerId").GetGuid() == coordinator, "the coordinator's read on the case's audit");
    }

    [Fact]
    public async Task A_decline_after_acceptance_sends_the_need_back_to_matching()
    {
        var (caseId, needId) = await CaseWithNeedAsync();
        var referral = Guid.NewGuid();
        await PublishAsync(Accepted(caseId, needId, referral));
        await NeedWhenAsync(caseId, "Matched");
        await PublishAsync(new V1.ReferralDeclined(Guid.NewGuid(), cases.Clock.GetUtcNow(), referral, needId, caseId, cases.Station, _caseworker,
            Guid.NewGuid(), Guid.NewGuid(), V1.ReferralDeclinedBy.Provider, V1.ReferralDeclineReason.NoCapacity));
        var reopened = await NeedWhenAsync(caseId, "Open");
        (reopened.TryGetProperty("referralId", out var referralId) && referralId.ValueKind != JsonValueKind.Null).ShouldBeFalse();
        (await TimelineKindsAsync(caseId)).ShouldContain("NeedReopened");
    }

    private V1.ReferralCancelled Cancelled(Guid caseId, Guid needId, Guid referral, Guid provider, V1.ReferralCancelCause cause) =>
        new(Guid.NewGuid(), cases.Clock.GetUtcNow(), referral, needId, caseId, cases.Station, _caseworker, Guid.NewGuid(), provider,
            V1.ReferralStep.Accepted, cause);

    private async Task<IReadOnlyList<JsonElement>> TimelineAsync(Guid caseId) =>
        (await Json(await Caseworker.GetAsync($"/cases/{caseId}/timeline"))).EnumerateArray().ToList();

    [Fact]
    public async Task A_withdrawn_offer_cancels_the_referral_sends_the_need_back_to_matching_once_and_says_so_on_the_timeline()
    {
        var (caseId, needId) = await CaseWithNeedAsync();
        var (referral, provider) = (Guid.NewGuid(), Guid.NewGuid());
        await PublishAsync(Accepted(caseId, needId, referral));
        await NeedWhenAsync(caseId, "Matched");

        // Sent twice with one MessageId (a redelivery), then, last, another referral's cancellation (one never accepted: it moves no need).
        var cancelled = Cancelled(caseId, needId, referral, provider, V1.ReferralCancelCause.OfferWithdrawn);
        var cancellation = Guid.NewGuid();
        var receivedBefore = cases.Host.ReceivedOn("cases-referral-cancelled");
        await PublishAsync(cancelled, cancellation);
        await PublishAsync(cancelled, cancellation);
        var other = Guid.NewGuid();
        await PublishAsync(Cancelled(caseId, needId, other, provider, V1.ReferralCancelCause.OfferExpired));

        var reopened = await NeedWhenAsync(caseId, "Open");
        (reopened.TryGetProperty("referralId", out var referralId) && referralId.ValueKind != JsonValueKind.Null).ShouldBeFalse();
        // All three copies received by the service (the redelivered one included), then the timeline read.
        await Eventually.Until(() => Task.FromResult(cases.Host.ReceivedOn("cases-referral-cancelled") - receivedBefore), n => n >= 3,
            "all three cancellation messages received");
        var timeline = await Eventually.Until(async () => (await TimelineAsync(caseId), 0),
            t => t.Item1.Count(e => e.GetProperty("kind").GetString() == "ReferralCancelled") >= 2, "both cancellations on the timeline");
        var entries = timeline.Item1.Where(e => e.GetProperty("kind").GetString() == "ReferralCancelled").ToList();
        entries.Count.ShouldBe(2, "the redelivered copy changed nothing");
        var withdrawn = entries.Single(e => e.GetProperty("summary").GetString()!.Contains(referral.ToString()));
        withdrawn.GetProperty("by").GetGuid().ShouldBe(provider);
        withdrawn.GetProperty("at").GetDateTimeOffset().ShouldBe(cancelled.OccurredAt);
        withdrawn.GetProperty("summary").GetString()!.ShouldContain("服务方撤回了资源"); // zh-CN: the default reader
        entries.Single(e => e.GetProperty("summary").GetString()!.Contains(other.ToString())).GetProperty("summary").GetString()!
            .ShouldContain("资源已过期");
        timeline.Item1.Count(e => e.GetProperty("kind").GetString() == "NeedReopened").ShouldBe(1);
    }

    [Fact]
    public async Task A_missed_meal_for_someone_who_lives_alone_flags_a_safety_check_until_a_caseworker_visits()
    {
        var (caseId, _) = await CaseWithNeedAsync();
        var now = cases.Clock.GetUtcNow();
        await PublishAsync(new V1.DeliveryCompleted(Guid.NewGuid(), now.AddDays(-1), Guid.NewGuid(), caseId, cases.Station, Guid.NewGuid(),
            DateOnly.FromDateTime(now.AddDays(-1).UtcDateTime), V1.Wellbeing.Fine, null));
        await PublishAsync(new V1.DeliveryMissed(Guid.NewGuid(), now, Guid.NewGuid(), caseId, cases.Station, Guid.NewGuid(),
            DateOnly.FromDateTime(now.UtcDateTime), V1.MissReason.NoAnswerAtDoor, true));

        // Two queues: the delivered and the missed meal may land in either order; wait for both.
        var flagged = await Eventually.Until(() => CaseAsync(caseId),
            c => c.GetProperty("safetyCheckRequired").GetBoolean() && c.TryGetProperty("lastVisitAt", out var v) && v.ValueKind != JsonValueKind.Null,
            "the safety check and the delivered meal");
        flagged.GetProperty("lastVisitAt").GetDateTimeOffset().ShouldBe(now.AddDays(-1), "the delivered meal counts as a visit");
        var caseload = await Json(await Caseworker.GetAsync($"/caseworkers/{_caseworker}/caseload"));
        caseload.GetProperty("cases").EnumerateArray().First().GetProperty("caseId").GetGuid().ShouldBe(caseId, "a safety check comes first");
        caseload.GetProperty("cases").EnumerateArray().First().GetProperty("safetyCheckRequired").GetBoolean().ShouldBeTrue();
        var dashboard = await Json(await Caseworker.GetAsync($"/stations/{cases.Station}/dashboard"));
        dashboard.GetProperty("missedDeliveriesLast7Days").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        dashboard.GetProperty("safetyChecksRequired").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        (await TimelineKindsAsync(caseId)).ShouldContain("DeliveryCompleted");
        (await TimelineKindsAsync(caseId)).ShouldContain("DeliveryMissed");

        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/visits", new { visitedAt = cases.Clock.GetUtcNow(), observations = "safe, phone was off", concernsRaised = false }))
            .EnsureSuccessStatusCode();
        (await CaseAsync(caseId)).GetProperty("safetyCheckRequired").GetBoolean().ShouldBeFalse();
    }

    private static bool Signalled(JsonElement @case) =>
        @case.TryGetProperty("mealSkipsNoticedAt", out var at) && at.ValueKind != JsonValueKind.Null;

    [Fact]
    public async Task Three_meals_skipped_in_a_row_signal_the_caseworker_until_a_visit_answers_it()
    {
        var (caseId, _) = await CaseWithNeedAsync();
        var today = DateOnly.FromDateTime(cases.Clock.GetUtcNow().UtcDateTime);
        V1.DeliverySkippedByRecipient Skip(int day, Guid? delivery = null) => new(Guid.NewGuid(), cases.Clock.GetUtcNow(), delivery ?? Guid.NewGuid(),
            caseId, cases.Station, null, today.AddDays(day), new TimeOnly(11, 0), new TimeOnly(12, 30));
        var first = Guid.NewGuid();
        await PublishAsync(Skip(1, first));
        await PublishAsync(Skip(1, first)); // Volunteers told it twice (another message id): one skip
        await PublishAsync(Skip(3));
        await Eventually.Until(() => CaseAsync(caseId), c => c.GetProperty("mealSkips").GetArrayLength() == 2, "two skips on the case");
        Signalled(await CaseAsync(caseId)).ShouldBeFalse();

        await PublishAsync(Skip(5));
        var signalled = await Eventually.Until(() => CaseAsync(caseId),
            Signalled, "the signal");
        signalled.GetProperty("mealsSkippedInARow").EnumerateArray().Select(d => d.GetString()).ShouldBe(
            [today.AddDays(1).ToString("yyyy-MM-dd"), today.AddDays(3).ToString("yyyy-MM-dd"), today.AddDays(5).ToString("yyyy-MM-dd")]);
        var told = await Eventually.Until(
            () => Task.FromResult(cases.Neighbours.Received.Of<V1.MealSkipsNoticed>().Where(n => n.CaseId == caseId).ToList()),
            n => n.Count > 0, "MealSkipsNoticed");
        (told.Single().SkippedInARow, told.Single().FirstSkipped, told.Single().LastSkipped).ShouldBe((3, today.AddDays(1), today.AddDays(5)));
        var entry = (await Json(await Caseworker.GetAsync($"/caseworkers/{_caseworker}/caseload"))).GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("caseId").GetGuid() == caseId);
        entry.GetProperty("mealSkipsNoticed").GetBoolean().ShouldBeTrue();
        var timeline = (await Json(await Caseworker.GetAsync($"/cases/{caseId}/timeline"))).EnumerateArray().ToList();
        timeline.Count(e => e.GetProperty("kind").GetString() == "DeliverySkipped").ShouldBe(3);
        timeline.Single(e => e.GetProperty("kind").GetString() == "MealSkipsNoticed").GetProperty("summary").GetString()
            .ShouldBe($"住户自 {today.AddDays(1):yyyy-MM-dd} 起已连续 3 次回复不需要送餐，请了解原因。");

        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/visits", new { visitedAt = cases.Clock.GetUtcNow(), observations = "在女儿家住几天", concernsRaised = false }))
            .EnsureSuccessStatusCode();
        var answered = await CaseAsync(caseId);
        Signalled(answered).ShouldBeFalse();
        answered.GetProperty("mealsSkippedInARow").GetArrayLength().ShouldBe(0);
        (await Json(await Caseworker.GetAsync($"/caseworkers/{_caseworker}/caseload"))).GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("caseId").GetGuid() == caseId).GetProperty("mealSkipsNoticed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_volunteer_s_companionship_visit_is_a_visit_on_the_case()
    {
        var (caseId, _) = await CaseWithNeedAsync();
        var visitTask = Guid.NewGuid();
        await PublishAsync(new V1.VisitCompleted(Guid.NewGuid(), cases.Clock.GetUtcNow(), visitTask, caseId, cases.Station, Guid.NewGuid(),
            DateOnly.FromDateTime(cases.Clock.GetUtcNow().UtcDateTime), 1.5m, V1.Wellbeing.Concern, "seemed confused"));
        var visit = (await Eventually.Until(() => CaseAsync(caseId), c => c.GetProperty("visits").GetArrayLength() == 1, "volunteer visit"))
            .GetProperty("visits")[0];
        visit.GetProperty("id").GetGuid().ShouldBe(visitTask);
        visit.GetProperty("visitorRole").GetString().ShouldBe("Volunteer");
        visit.GetProperty("concernsRaised").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_raised_need_tells_matching_the_client_s_age_ability_risk_and_grid_position()
    {
        var (household, member) = await cases.RegisterClientAsync(Caseworker, birthDate: "1945-03-12");
        var caseId = await cases.OpenCaseForAsync(Caseworker, household, member);
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/assessments", AssessmentPlanAndVisitTests.Assessment(40))).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { category = "Companionship" })).EnsureSuccessStatusCode();
        var assessed = await CaseAsync(caseId);

        var raised = await Eventually.Until(
            () => Task.FromResult(cases.Neighbours.Received.Of<V1.NeedRaised>().SingleOrDefault(n => n.CaseId == caseId)), n => n is not null, "NeedRaised");
        var today = DateOnly.FromDateTime(cases.Clock.GetUtcNow().UtcDateTime);
        raised!.ClientAge.ShouldBe(today.Year - 1945 - (today < new DateOnly(today.Year, 3, 12) ? 1 : 0));
        raised.AbilityLevel.ShouldBe(assessed.GetProperty("abilityLevel").GetInt32());
        raised.RiskLevel.ShouldBe(Enum.Parse<V1.RiskLevel>(assessed.GetProperty("riskLevel").GetString()!));
        raised.ApproximatePosition.ShouldBe(new V1.GeoPoint(40.42, 114.09), "rounded to 0.01°, never the exact home");
    }

    [Fact]
    public async Task An_overdue_visit_is_told_once_per_due_date()
    {
        var supervisor = cases.ClientAs(Roles.Supervisor);
        var (caseId, _) = await CaseWithNeedAsync();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/service-plan", AssessmentPlanAndVisitTests.Plan("Weekly",
            DateOnly.FromDateTime(cases.Clock.GetUtcNow().UtcDateTime).AddMonths(3)))).EnsureSuccessStatusCode();
        (await supervisor.PostAsync($"/cases/{caseId}/service-plan/approve", null)).EnsureSuccessStatusCode();
        var due = (await CaseAsync(caseId)).GetProperty("nextVisitDue").GetDateTimeOffset();

        cases.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(2));
        var told = await Eventually.Until(
            () => Task.FromResult(cases.Neighbours.Received.Of<V1.VisitOverdue>().Where(v => v.CaseId == caseId).ToList()), v => v.Count > 0, "VisitOverdue");
        // The due date is a day of the station's calendar (Beijing), not a UTC day: from 16:00 UTC on they differ.
        told.ShouldHaveSingleItem().DueOn.ShouldBe(LocalCalendar.For(LocalCalendar.DefaultTimeZone).Today(due));
        told[0].CaseworkerId.ShouldBe(_caseworker);

        // The notice is stored under the id every later sweep derives for this due date, so none tells it again.
        await using var session = cases.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var notice = await session.LoadAsync<VisitOverdueNotice>(VisitOverdueNotice.IdFor(caseId, due));
        notice.ShouldNotBeNull().CaseId.ShouldBe(caseId);
        (await session.Events.FetchStreamAsync(notice.Id)).Count.ShouldBe(1);
    }

    private Task<(int Events, int Transactions)> WrittenAsync(string type, IReadOnlyCollection<Guid> streams) =>
        StoredEvents.WrittenAsync(cases.Host.Services.GetRequiredService<IDocumentStore>(), cases.Isolation.SchemaFor("cases"), streams, type);

    [Fact]
    public async Task Reports_arriving_together_commit_together_each_once_and_two_on_one_case_both_land()
    {
        // Six cases, two volunteer visits each, all published at once and one of each case's sent twice.
        var caseIds = new List<Guid>();
        for (var i = 0; i < 6; i++) caseIds.Add((await CaseWithNeedAsync()).Case);
        var today = DateOnly.FromDateTime(cases.Clock.GetUtcNow().UtcDateTime);
        var visits = caseIds.SelectMany(caseId => Enumerable.Range(0, 2).Select(_ => (MessageId: Guid.NewGuid(), Visit: new V1.VisitCompleted(Guid.NewGuid(),
            cases.Clock.GetUtcNow(), Guid.NewGuid(), caseId, cases.Station, Guid.NewGuid(), today, 1m, V1.Wellbeing.Fine, null)))).ToList();
        await Task.WhenAll(visits.Concat(visits.Where((_, i) => i % 2 == 0)).Select(v => PublishAsync(v.Visit, v.MessageId)));

        foreach (var caseId in caseIds)
        {
            var recorded = (await Eventually.Until(() => CaseAsync(caseId), c => c.GetProperty("visits").GetArrayLength() >= 2, "both visits"))
                .GetProperty("visits").EnumerateArray().Select(v => v.GetProperty("id").GetGuid());
            recorded.Order().ShouldBe(visits.Where(v => v.Visit.CaseId == caseId).Select(v => v.Visit.VisitTaskId).Order());
        }
        var (events, transactions) = await WrittenAsync("visit_recorded", caseIds);
        events.ShouldBe(12, "each visit once, the copies dropped");
        transactions.ShouldBeLessThan(12, "visits that arrived together committed together");
    }

    [Fact]
    public async Task A_day_map_s_reads_arriving_together_are_audited_in_few_commits_each_once()
    {
        var (caseId, _) = await CaseWithNeedAsync();
        var coordinator = Guid.NewGuid();
        var reads = Enumerable.Range(0, 20).Select(_ => (MessageId: Guid.NewGuid(), Read: new V1.RecipientDetailsShown(Guid.NewGuid(),
            cases.Clock.GetUtcNow(), caseId, cases.Station, Guid.NewGuid(), Guid.Empty, coordinator, ["coordinator"], "dispatch-map"))).ToList();
        await Task.WhenAll(reads.Concat(reads.Take(5)).Select(r => PublishAsync(r.Read, r.MessageId)));

        var auditStream = FiveSocieties.Cases.Auditing.CaseFileAccess.AuditStreamOf(caseId);
        await Eventually.Until(() => WrittenAsync("case_file_read", [auditStream]), w => w.Events >= 20, "every read on the audit");
        var audit = (await Json(await cases.ClientAs(Roles.Supervisor).GetAsync($"/audit?caseId={caseId}"))).EnumerateArray()
            .Where(a => a.GetProperty("what").GetString() == "dispatch-map").ToList();
        audit.Count.ShouldBe(20, "each read once, the copies dropped");
        (await WrittenAsync("case_file_read", [auditStream])).Transactions.ShouldBeLessThan(20, "reads that arrived together committed together");
    }
}
