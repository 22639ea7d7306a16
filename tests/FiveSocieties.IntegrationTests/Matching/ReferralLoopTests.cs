using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Matching.Integration.Incoming;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Matching;

/// <summary>
/// Providers, offers and the closed referral loop on the real servers: NeedRaised arrives over
/// RabbitMQ, referrals are proposed, approved, accepted, declined and expired over HTTP and on
/// a fake clock, and what Matching publishes is heard by another host. Each test works in its own
/// district, so the tests' offers and needs never meet.
/// </summary>
public sealed class ReferralLoopTests(MatchingFixture matching) : IClassFixture<MatchingFixture>
{
    private readonly Guid _station = Guid.NewGuid();
    private readonly Guid _caseworker = Guid.NewGuid();
    private readonly string _district = "区" + Guid.NewGuid().ToString("N")[..8];

    private HttpClient Caseworker => matching.ClientAs(Roles.Caseworker, _caseworker, _station);

    private Task<JsonElement> ReferralsOfAsync(Guid needId) => MatchingFixture.ReferralsOfAsync(Caseworker, needId);

    private Task<JsonElement> ProposalAsync(Guid needId, Guid offerId) => MatchingFixture.ProposalAsync(Caseworker, needId, offerId);

    [Fact]
    public async Task A_provider_registers_once_and_bad_input_names_every_field()
    {
        var admin = matching.ClientAs(Roles.Admin);
        var id = Guid.NewGuid();
        var body = new
        {
            providerId = id, name = "大同市慈善总会", kind = "Charity", creditCode = MatchingFixture.NewCreditCode(),
            contact = new { name = "李女士", phone = "0352-1234567", email = "li@example.org" }, area = new { districts = new[] { "平城区" } },
        };
        (await admin.PostAsJsonAsync("/providers", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync("/providers", body)).StatusCode.ShouldBe(HttpStatusCode.OK, "a repeat with the same id changes nothing");

        var bad = await admin.PostAsJsonAsync("/providers", new { name = "", kind = "Bakery", creditCode = "91350100M000100Y44" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadAsStringAsync();
        problem.ShouldContain("kind");

        var invalid = await admin.PostAsJsonAsync("/providers", new { name = "", kind = "Charity", creditCode = "91350100M000100Y44" });
        var errors = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "name", "creditCode", "contact.name", "contact.phone" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);

        var taken = await admin.PostAsJsonAsync("/providers", body with { providerId = Guid.NewGuid() });
        taken.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var takenProblem = System.Text.Json.JsonDocument.Parse(await taken.Content.ReadAsStringAsync()).RootElement;
        takenProblem.GetProperty("rule").GetString().ShouldBe("provider.credit-code-taken");
        takenProblem.GetProperty("field").GetString().ShouldBe("creditCode", "the form shows it next to the credit code");

        await Eventually.Until(() => Task.FromResult(matching.Heard.Of<V1.ProviderRegistered>().Count(p => p.ProviderId == id)), n => n == 1,
            "ProviderRegistered published once");
    }

    [Fact]
    public async Task An_offer_is_published_listed_resized_and_withdrawn_and_others_cannot_touch_it()
    {
        var provider = await matching.RegisterProviderAsync();
        var offer = await matching.OfferAsync(provider, capacity: 3, districts: [_district]);
        var own = matching.ClientAs(Roles.Provider, providerId: provider);

        var listed = await HttpJson.Json(await own.GetAsync($"/offers?providerId={provider}"));
        listed.EnumerateArray().Single().GetProperty("freeCapacity").GetInt32().ShouldBe(3);

        (await own.PostAsJsonAsync($"/offers/{offer}/capacity", new { capacity = 5 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var other = matching.ClientAs(Roles.Provider, providerId: Guid.NewGuid());
        (await other.PostAsync($"/offers/{offer}/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await own.PostAsync($"/offers/{Guid.NewGuid()}/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/offers/{offer}/withdraw") { Headers = { { "If-Match", "\"1\"" } } };
        (await own.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await own.PostAsync($"/offers/{offer}/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HttpJson.Json(await own.GetAsync($"/offers?providerId={provider}"))).GetArrayLength().ShouldBe(0);

        var invalid = await own.PostAsJsonAsync("/offers", new { category = "Flying", capacity = "many" });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var missing = await own.PostAsJsonAsync("/offers", new { capacity = 0, eligibility = new { minAge = 80, maxAge = 60 } });
        var errors = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "category", "title", "capacity", "eligibility.maxAge" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);

        await Eventually.Until(() => Task.FromResult(matching.Heard.Messages.Count(m =>
                m is V1.ResourceOffered o && o.OfferId == offer || m is V1.ResourceCapacityChanged c && c.OfferId == offer
                || m is V1.ResourceWithdrawn w && w.OfferId == offer && w.Cause == V1.OfferEndCause.WithdrawnByProvider)), n => n == 3,
            "offered, resized and withdrawn published");
    }

    [Fact]
    public async Task A_raised_need_is_proposed_its_best_offer_and_the_loop_runs_to_completion()
    {
        var canteen = await matching.RegisterProviderAsync();
        var near = await matching.OfferAsync(canteen, capacity: 2, districts: [_district], latitude: 40.361);
        var far = await matching.OfferAsync(canteen, capacity: 2, districts: [_district], latitude: 40.50);
        var need = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(need);

        var proposed = await ProposalAsync(need.NeedId, near);
        var referralId = proposed.GetProperty("id").GetGuid();
        proposed.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ShouldContain(r => r!.Contains("km from the service point"));

        var candidates = await HttpJson.Json(await Caseworker.GetAsync($"/needs/{need.NeedId}/candidates"));
        candidates.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("offerId").GetGuid()).ShouldBe([near, far]);
        candidates.GetProperty("activeReferralId").GetGuid().ShouldBe(referralId);

        var provider = matching.ClientAs(Roles.Provider, providerId: canteen);
        var tooEarly = await provider.PostAsync($"/referrals/{referralId}/accept", null);
        tooEarly.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await tooEarly.Content.ReadAsStringAsync()).ShouldContain("referral.not-awaiting-acceptance");

        await HttpJson.Json(await Caseworker.PostAsync($"/referrals/{referralId}/approve", null));
        (await HttpJson.Json(await provider.PostAsync($"/referrals/{referralId}/accept", null))).GetProperty("status").GetString().ShouldBe("Accepted");
        (await HttpJson.Json(await provider.GetAsync($"/offers/{near}"))).GetProperty("allocated").GetInt32().ShouldBe(1);
        await HttpJson.Json(await provider.PostAsync($"/referrals/{referralId}/start", null));
        (await provider.PostAsJsonAsync($"/referrals/{referralId}/complete", new { outcome = "Sometimes" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var done = await HttpJson.Json(await provider.PostAsJsonAsync($"/referrals/{referralId}/complete", new { outcome = "Fulfilled", note = "每日午餐已送达" }));
        done.GetProperty("status").GetString().ShouldBe("Completed");
        (await HttpJson.Json(await provider.GetAsync($"/offers/{near}"))).GetProperty("allocated").GetInt32().ShouldBe(0);

        await Eventually.Until(() => Task.FromResult(matching.Heard.Messages.Count(m => m switch
        {
            V1.ReferralProposed p => p.ReferralId == referralId && p.CaseworkerId == _caseworker,
            V1.ReferralApproved a => a.ReferralId == referralId,
            V1.ReferralAccepted a => a.ReferralId == referralId && a.Schedule != null && a.ProviderName.Length > 0,
            V1.ReferralCompleted c => c.ReferralId == referralId && c.Outcome == V1.ReferralOutcome.Fulfilled,
            _ => false,
        })), n => n == 4, "the loop's four events published");

        // NeedRaised again (re-published with another message id, same need): handled, and proposes nothing new.
        var again = Guid.NewGuid();
        await matching.Bus.Publish(need, (PublishContext<V1.NeedRaised> context) => context.MessageId = again);
        await Eventually.Until(() => matching.HandledAsync<NeedRaisedConsumer>(again), handled => handled, "the repeat to be handled");
        (await ReferralsOfAsync(need.NeedId)).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task An_inbox_page_reads_its_referrals_in_one_call_by_id_and_only_the_station_s()
    {
        var canteen = await matching.RegisterProviderAsync();
        await matching.OfferAsync(canteen, capacity: 5, districts: [_district], latitude: 40.361);
        var needs = new[] { MatchingFixture.Need(_caseworker, _station, district: _district), MatchingFixture.Need(_caseworker, _station, district: _district) };
        foreach (var need in needs) await matching.Bus.Publish(need);
        var ids = new List<Guid>();
        foreach (var need in needs) ids.Add((await MatchingFixture.ProposalAsync(Caseworker, need.NeedId)).GetProperty("id").GetGuid());

        var query = string.Join("&", ids.Append(Guid.NewGuid()).Select(id => $"id={id}"));
        var both = await HttpJson.Json(await Caseworker.GetAsync($"/referrals?{query}"));
        both.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ShouldBe(ids, ignoreOrder: true);
        // Another station's staff learn nothing of them, even by id.
        var stranger = matching.ClientAs(Roles.Caseworker, Guid.NewGuid(), Guid.NewGuid());
        (await HttpJson.Json(await stranger.GetAsync($"/referrals?{query}"))).GetArrayLength().ShouldBe(0);

        var tooMany = string.Join("&", Enumerable.Range(0, 101).Select(_ => $"id={Guid.NewGuid()}"));
        var refused = await Caseworker.GetAsync($"/referrals?{tooMany}");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("\"id\"");
    }

    [Fact]
    public async Task A_decline_proposes_the_next_candidate_and_a_need_with_none_left_waits_for_a_new_offer()
    {
        var canteen = await matching.RegisterProviderAsync();
        var first = await matching.OfferAsync(canteen, capacity: 1, districts: [_district], latitude: 40.361);
        var need = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(need);
        var proposal = await ProposalAsync(need.NeedId, first);

        var declined = await HttpJson.Json(await Caseworker.PostAsJsonAsync($"/referrals/{proposal.GetProperty("id").GetGuid()}/decline",
            new { reason = "ClientRefused", note = "prefers her neighbour's cooking" }));
        declined.GetProperty("status").GetString().ShouldBe("Declined");
        declined.GetProperty("declinedBy").GetString().ShouldBe("Caseworker");
        var waiting = await HttpJson.Json(await Caseworker.GetAsync($"/needs/{need.NeedId}/candidates"));
        (!waiting.TryGetProperty("activeReferralId", out var active) || active.ValueKind == JsonValueKind.Null).ShouldBeTrue("nothing else to propose");

        // A second need of another caseworker, also waiting; then a new canteen opens: both caseworkers hear once.
        var otherCaseworker = Guid.NewGuid();
        var other = MatchingFixture.Need(otherCaseworker, _station, district: _district, urgency: V1.Urgency.Urgent);
        await matching.Bus.Publish(other);
        var otherProposal = await ProposalAsync(other.NeedId, first);
        await HttpJson.Json(await Caseworker.PostAsJsonAsync($"/referrals/{otherProposal.GetProperty("id").GetGuid()}/decline", new { reason = "NotSuitable" }));

        var second = await matching.OfferAsync(canteen, capacity: 5, districts: [_district], latitude: 40.37);
        var next = await ProposalAsync(need.NeedId, second);
        next.GetProperty("reasons").GetArrayLength().ShouldBeGreaterThan(3);
        await ProposalAsync(other.NeedId, second);

        var announced = await Eventually.Until(() => Task.FromResult(matching.Heard.Of<V1.ResourceMatchedToNeeds>().FirstOrDefault(m => m.OfferId == second)),
            m => m is not null, "ResourceMatchedToNeeds for the new offer");
        announced!.Caseworkers.Select(c => c.CaseworkerId).Order().ShouldBe(new[] { _caseworker, otherCaseworker }.Order());
        announced.Caseworkers.Single(c => c.CaseworkerId == otherCaseworker).Needs.ShouldHaveSingleItem().NeedId.ShouldBe(other.NeedId);

        // The provider declines after accepting: the place is freed; the first offer is never proposed again.
        var provider = matching.ClientAs(Roles.Provider, providerId: canteen);
        var nextId = next.GetProperty("id").GetGuid();
        await HttpJson.Json(await Caseworker.PostAsync($"/referrals/{nextId}/approve", null));
        await HttpJson.Json(await provider.PostAsync($"/referrals/{nextId}/accept", null));
        (await HttpJson.Json(await provider.GetAsync($"/offers/{second}"))).GetProperty("allocated").GetInt32().ShouldBe(1);
        await HttpJson.Json(await provider.PostAsJsonAsync($"/referrals/{nextId}/decline", new { reason = "NoCapacity" }));
        (await HttpJson.Json(await provider.GetAsync($"/offers/{second}"))).GetProperty("allocated").GetInt32().ShouldBe(0);
        (await ReferralsOfAsync(need.NeedId)).EnumerateArray().Select(r => r.GetProperty("offerId").GetGuid()).Order()
            .ShouldBe(new[] { first, second }.Order(), "each offer proposed once for the need");
    }

    /// <summary>An offer with one place, taken by an accepted referral, and a second need waiting for it (proposed nothing).</summary>
    private async Task<(Guid Offer, HttpClient Provider, V1.NeedRaised Holder, Guid ReferralId, V1.NeedRaised Waiting)> OnePlaceTakenAndANeedWaitingAsync()
    {
        var canteen = await matching.RegisterProviderAsync();
        var offer = await matching.OfferAsync(canteen, capacity: 1, districts: [_district]);
        var provider = matching.ClientAs(Roles.Provider, providerId: canteen);
        var holder = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(holder);
        var referralId = (await ProposalAsync(holder.NeedId, offer)).GetProperty("id").GetGuid();
        await HttpJson.Json(await Caseworker.PostAsync($"/referrals/{referralId}/approve", null));
        await HttpJson.Json(await provider.PostAsync($"/referrals/{referralId}/accept", null));

        var waiting = MatchingFixture.Need(_caseworker, _station, district: _district);
        var seen = Guid.NewGuid();
        await matching.Bus.Publish(waiting, (PublishContext<V1.NeedRaised> context) => context.MessageId = seen);
        await Eventually.Until(() => matching.HandledAsync<NeedRaisedConsumer>(seen), handled => handled, "the second need to arrive");
        (await ReferralsOfAsync(waiting.NeedId)).GetArrayLength().ShouldBe(0, "the only place is taken");
        return (offer, provider, holder, referralId, waiting);
    }

    [Fact]
    public async Task A_place_freed_by_a_completed_referral_goes_to_a_need_that_was_waiting_for_it()
    {
        var (offer, provider, first, referralId, waiting) = await OnePlaceTakenAndANeedWaitingAsync();
        var excluded = await HttpJson.Json(await Caseworker.GetAsync($"/needs/{waiting.NeedId}/candidates"));
        excluded.GetProperty("excluded").EnumerateArray().Single().GetProperty("rule").GetString().ShouldBe("capacity");

        await HttpJson.Json(await provider.PostAsync($"/referrals/{referralId}/start", null));
        await HttpJson.Json(await provider.PostAsJsonAsync($"/referrals/{referralId}/complete", new { outcome = "Fulfilled" }));
        await ProposalAsync(waiting.NeedId, offer);
    }

    [Fact]
    public async Task An_unanswered_proposal_expires_on_the_clock_and_the_next_candidate_is_proposed()
    {
        var canteen = await matching.RegisterProviderAsync();
        var best = await matching.OfferAsync(canteen, capacity: 1, districts: [_district], latitude: 40.361);
        var next = await matching.OfferAsync(canteen, capacity: 1, districts: [_district], latitude: 40.45);
        var need = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(need);
        var proposal = await ProposalAsync(need.NeedId, best);
        var referralId = proposal.GetProperty("id").GetGuid();

        matching.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(2));
        (await HttpJson.Json(await Caseworker.GetAsync($"/referrals/{referralId}"))).GetProperty("status").GetString().ShouldBe("AwaitingApproval");

        matching.Clock.Advance(TimeSpan.FromMinutes(3));
        await Eventually.Until(async () => (await HttpJson.Json(await Caseworker.GetAsync($"/referrals/{referralId}"))).GetProperty("status").GetString(),
            status => status == "Expired", "the proposal to expire");
        await ProposalAsync(need.NeedId, next);
        await Eventually.Until(() => Task.FromResult(matching.Heard.Of<V1.ReferralExpired>().Count(e => e.ReferralId == referralId && e.ExpiredAt == V1.ReferralStep.AwaitingApproval)),
            n => n == 1, "ReferralExpired published");
    }

    [Fact]
    public async Task A_withdrawn_need_cancels_its_accepted_referral_and_the_freed_place_goes_to_a_waiting_need()
    {
        var (offer, provider, need, referralId, waiting) = await OnePlaceTakenAndANeedWaitingAsync();

        await matching.Bus.Publish(new V1.NeedWithdrawn(Guid.NewGuid(), DateTimeOffset.UtcNow, need.NeedId, need.CaseId,
            V1.NeedWithdrawalCause.WithdrawnByCaseworker));

        var cancelled = await Eventually.Until(async () => await HttpJson.Json(await Caseworker.GetAsync($"/referrals/{referralId}")),
            r => r.GetProperty("status").GetString() == "Cancelled", "the accepted referral to be cancelled");
        cancelled.GetProperty("cancelCause").GetString().ShouldBe("NeedWithdrawn");
        (await HttpJson.Json(await provider.GetAsync($"/offers/{offer}"))).GetProperty("allocated").GetInt32().ShouldBe(0, "its place is free again");
        await ProposalAsync(waiting.NeedId, offer);
        await Eventually.Until(() => Task.FromResult(matching.Heard.Of<V1.ReferralCancelled>().Count(e => e.ReferralId == referralId
                && e.CancelledAt == V1.ReferralStep.Accepted && e.Cause == V1.ReferralCancelCause.NeedWithdrawn)),
            n => n == 1, "ReferralCancelled published once");
        (await ReferralsOfAsync(need.NeedId)).GetArrayLength().ShouldBe(1, "the withdrawn need is proposed nothing more");
    }

    [Fact]
    public async Task A_closed_case_cancels_the_referral_of_its_open_need()
    {
        var canteen = await matching.RegisterProviderAsync();
        var offer = await matching.OfferAsync(canteen, capacity: 1, districts: [_district]);
        var need = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(new V1.CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, need.CaseId, _station, _caseworker, V1.ClientGroup.Elderly,
            [V1.ClientCategory.LivesAlone], need.Location));
        await matching.Bus.Publish(need);
        var referralId = (await ProposalAsync(need.NeedId, offer)).GetProperty("id").GetGuid();

        await matching.Bus.Publish(new V1.CaseClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, need.CaseId, _station));

        var cancelled = await Eventually.Until(async () => await HttpJson.Json(await Caseworker.GetAsync($"/referrals/{referralId}")),
            r => r.GetProperty("status").GetString() == "Cancelled", "the proposal to be cancelled");
        cancelled.GetProperty("cancelCause").GetString().ShouldBe("CaseClosed");
    }

    [Fact]
    public async Task A_withdrawn_offer_cancels_its_referrals_and_their_needs_are_proposed_the_next_candidate()
    {
        var canteen = await matching.RegisterProviderAsync();
        var provider = matching.ClientAs(Roles.Provider, providerId: canteen);
        var best = await matching.OfferAsync(canteen, capacity: 2, districts: [_district], latitude: 40.361);
        var next = await matching.OfferAsync(canteen, capacity: 2, districts: [_district], latitude: 40.45);
        var proposed = MatchingFixture.Need(_caseworker, _station, district: _district);
        var inService = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(proposed);
        await matching.Bus.Publish(inService);
        var proposal = (await ProposalAsync(proposed.NeedId, best)).GetProperty("id").GetGuid();
        var served = (await ProposalAsync(inService.NeedId, best)).GetProperty("id").GetGuid();
        await HttpJson.Json(await Caseworker.PostAsync($"/referrals/{served}/approve", null));
        await HttpJson.Json(await provider.PostAsync($"/referrals/{served}/accept", null));
        await HttpJson.Json(await provider.PostAsync($"/referrals/{served}/start", null));

        (await provider.PostAsync($"/offers/{best}/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var referralId in new[] { proposal, served })
        {
            var referral = await HttpJson.Json(await Caseworker.GetAsync($"/referrals/{referralId}"));
            referral.GetProperty("status").GetString().ShouldBe("Cancelled", "in the offer's own commit");
            referral.GetProperty("cancelCause").GetString().ShouldBe("OfferWithdrawn");
        }
        await ProposalAsync(proposed.NeedId, next);
        await ProposalAsync(inService.NeedId, next);
        await Eventually.Until(() => Task.FromResult(matching.Heard.Of<V1.ReferralCancelled>().Count(e => e.OfferId == best && e.Cause == V1.ReferralCancelCause.OfferWithdrawn)),
            n => n == 2, "both cancellations published");
        matching.Heard.Of<V1.ReferralCancelled>().Single(e => e.ReferralId == served).CancelledAt.ShouldBe(V1.ReferralStep.InService);
    }

    [Fact]
    public async Task An_offer_expires_after_its_last_day_on_the_clock()
    {
        var canteen = await matching.RegisterProviderAsync();
        var provider = matching.ClientAs(Roles.Provider, providerId: canteen);
        var lastDay = Beijing.DateOf(matching.Clock.GetUtcNow()).AddDays(1);
        var offerId = Guid.NewGuid();
        await HttpJson.Json(await provider.PostAsJsonAsync("/offers", new
        {
            offerId, category = "Goods", title = "Winter coats", capacity = 20, validUntil = lastDay,
            area = new { districts = new[] { _district } },
        }));

        matching.Clock.SetUtcNow(Beijing.At(lastDay, new TimeOnly(23, 58)));
        (await HttpJson.Json(await provider.GetAsync($"/offers/{offerId}"))).GetProperty("status").GetString().ShouldBe("Active", "its last day");
        // 00:02 in Beijing is 16:02 UTC, still the last day in UTC.
        matching.Clock.SetUtcNow(Beijing.At(lastDay.AddDays(1), new TimeOnly(0, 2)));
        await Eventually.Until(async () => (await HttpJson.Json(await provider.GetAsync($"/offers/{offerId}"))).GetProperty("status").GetString(),
            status => status == "Expired", "the offer to expire");
        await Eventually.Until(() => Task.FromResult(matching.Heard.Of<V1.ResourceWithdrawn>().Count(w => w.OfferId == offerId && w.Cause == V1.OfferEndCause.Expired)),
            n => n == 1, "ResourceWithdrawn (Expired) published");
    }

    [Fact]
    public async Task An_offer_valid_until_a_date_stops_matching_at_midnight_Beijing_time_not_at_08_00_the_next_morning()
    {
        var canteen = await matching.RegisterProviderAsync();
        var lastDay = Beijing.DateOf(matching.Clock.GetUtcNow()).AddDays(1);
        var offer = await matching.OfferAsync(canteen, districts: [_district], validUntil: lastDay);

        matching.Clock.SetUtcNow(Beijing.At(lastDay, new TimeOnly(23, 59))); // 15:59 UTC
        var before = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(before);
        await ProposalAsync(before.NeedId, offer);

        matching.Clock.SetUtcNow(Beijing.At(lastDay.AddDays(1), new TimeOnly(0, 1))); // 16:01 UTC, still the last day in UTC
        var after = MatchingFixture.Need(_caseworker, _station, district: _district);
        var arrived = Guid.NewGuid();
        await matching.Bus.Publish(after, (PublishContext<V1.NeedRaised> context) => context.MessageId = arrived);
        await Eventually.Until(() => matching.HandledAsync<NeedRaisedConsumer>(arrived), handled => handled, "the need raised after midnight");
        (await ReferralsOfAsync(after.NeedId)).GetArrayLength().ShouldBe(0, "the offer's last day is over in Beijing");
        var candidates = await HttpJson.Json(await Caseworker.GetAsync($"/needs/{after.NeedId}/candidates"));
        candidates.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("offerId").GetGuid()).ShouldNotContain(offer);
    }

    [Fact]
    public async Task A_provider_sees_only_its_referrals_and_staff_only_their_stations()
    {
        var canteen = await matching.RegisterProviderAsync();
        var offer = await matching.OfferAsync(canteen, capacity: 1, districts: [_district]);
        var need = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(need);
        var referralId = (await ProposalAsync(need.NeedId, offer)).GetProperty("id").GetGuid();

        (await HttpJson.Json(await matching.ClientAs(Roles.Provider, providerId: canteen).GetAsync("/referrals")))
            .EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ShouldContain(referralId);
        (await HttpJson.Json(await matching.ClientAs(Roles.Provider, providerId: Guid.NewGuid()).GetAsync("/referrals"))).GetArrayLength().ShouldBe(0);
        var elsewhere = matching.ClientAs(Roles.Caseworker, stationId: Guid.NewGuid());
        (await HttpJson.Json(await elsewhere.GetAsync($"/referrals?needId={need.NeedId}"))).GetArrayLength().ShouldBe(0);
        (await elsewhere.GetAsync($"/referrals/{referralId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await elsewhere.PostAsync($"/referrals/{referralId}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await elsewhere.GetAsync($"/needs/{need.NeedId}/candidates")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await HttpJson.Json(await Caseworker.GetAsync($"/referrals?caseworkerId={_caseworker}"))).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Cases_opened_together_become_known_in_fewer_commits_each_once()
    {
        var opened = Enumerable.Range(0, 10).Select(_ => (MessageId: Guid.NewGuid(), Message: new V1.CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow,
            Guid.NewGuid(), _station, _caseworker, V1.ClientGroup.Elderly, [], new V1.GridLocation(_district, _district + "001", "G-01")))).ToList();
        await Task.WhenAll(opened.Concat(opened.Take(3)).Select(o =>
            matching.Bus.Publish(o.Message, context => context.MessageId = o.MessageId)));

        var store = matching.Host.Services.GetRequiredService<IDocumentStore>();
        var cases = opened.Select(o => o.Message.CaseId).ToList();
        var (_, transactions) = await Eventually.Until(() => StoredEvents.WrittenAsync(store, matching.Isolation.SchemaFor("matching"), cases),
            w => w.Events >= 10, "every case known");
        transactions.ShouldBeLessThan(10, "cases that arrived together committed together");
        (await StoredEvents.WrittenAsync(store, matching.Isolation.SchemaFor("matching"), cases)).Events.ShouldBe(10, "each case once");
    }
}
