using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;

namespace FiveSocieties.IntegrationTests.EndToEnd;

/// <summary>
/// DESIGN §4's flows across all four services on the real PostgreSQL and RabbitMQ, asserting what
/// a caseworker, a provider and a volunteer would see at every step.
/// </summary>
public sealed class FlowsAcrossTheCityTests(City city) : IClassFixture<City>
{
    private static Func<JsonElement, bool> About(Guid referralId) =>
        item => item.GetProperty("parameters").GetProperty("referralId").GetString() == referralId.ToString();

    [Fact]
    public async Task Flow_A_a_charity_is_linked_to_a_household_in_need_as_a_closed_loop()
    {
        var story = new Story(city);
        var canteen = await story.RegisterProviderAsync("南河堡乡长者食堂", "Canteen");
        var meals = await story.OfferAsync(canteen, "MealDelivery", "长者食堂助餐送餐", capacity: 2, groups: ["Elderly"]);

        // Ms Sun, 81, lives alone: the caseworker opens her case and raises a daily meal need.
        var msSun = await story.OpenCaseAsync(story.Caseworker, "Elderly", ["EmptyNest", "LivesAlone", "AdvancedAge"]);
        var need = await story.RaiseNeedAsync(story.Caseworker, msSun, "MealDelivery");

        // Matching proposes the canteen's offer, with its reasons; the caseworker is asked to approve.
        var proposal = await story.ReferralAsync(story.Caseworker, need,
            r => r.GetProperty("offerId").GetGuid() == meals && r.GetProperty("status").GetString() == "AwaitingApproval", "the canteen proposed");
        var referral = proposal.GetProperty("id").GetGuid();
        var candidates = await HttpJson.Json(await story.MatchingAs(story.Caseworker).GetAsync($"/needs/{need}/candidates"));
        candidates.ToString().ShouldContain(meals.ToString());
        var ask = await Story.InboxAsync(story.InboxOf(story.Caseworker), "referral-proposed.approve", 1, About(referral));
        ask.Single().GetProperty("caseId").GetGuid().ShouldBe(msSun);

        (await story.MatchingAs(story.Caseworker).PostAsync($"/referrals/{referral}/approve", null)).EnsureSuccessStatusCode();

        // The canteen hears of it and accepts.
        await Story.InboxAsync(story.ProviderInbox(canteen), "referral-approved.accept", 1, About(referral));
        (await story.MatchingAsProvider(canteen).PostAsync($"/referrals/{referral}/accept", null)).EnsureSuccessStatusCode();

        // The caseworker is told; the need is Matched on the case file; the canteen has one place less.
        await Story.InboxAsync(story.InboxOf(story.Caseworker), "referral-accepted", 1, About(referral));
        await Eventually.Until(
            async () => await HttpJson.Json(await story.CasesAs(story.Caseworker).GetAsync($"/cases/{msSun}")),
            c => c.GetProperty("needs").EnumerateArray().Any(n => n.GetProperty("id").GetGuid() == need && n.GetProperty("status").GetString() == "Matched"),
            "the need Matched on Ms Sun's case");
        var offer = await HttpJson.Json(await story.MatchingAsProvider(canteen).GetAsync($"/offers/{meals}"));
        offer.GetProperty("freeCapacity").GetInt32().ShouldBe(1);
        var timeline = await HttpJson.Json(await story.CasesAs(story.Caseworker).GetAsync($"/cases/{msSun}/timeline"));
        timeline.ToString().ShouldContain("ReferralAccepted");
    }

    [Fact]
    public async Task A_declined_referral_falls_through_to_the_next_candidate()
    {
        var story = new Story(city);
        var near = await story.RegisterProviderAsync("近处的长者食堂", "Canteen");
        var far = await story.RegisterProviderAsync("远处的长者食堂", "Canteen");
        var nearMeals = await story.OfferAsync(near, "MealDelivery", "近处送餐", 5, ["Elderly"], 40.08, 113.30);
        var farMeals = await story.OfferAsync(far, "MealDelivery", "远处送餐", 5, ["Elderly"], 40.40, 113.90);
        var client = await story.OpenCaseAsync(story.Caseworker, "Elderly", ["LivesAlone"]);
        var need = await story.RaiseNeedAsync(story.Caseworker, client, "MealDelivery");

        var first = await story.ReferralAsync(story.Caseworker, need, r => r.GetProperty("status").GetString() == "AwaitingApproval", "a first proposal");
        var firstOffer = first.GetProperty("offerId").GetGuid();
        new[] { nearMeals, farMeals }.ShouldContain(firstOffer);
        (await story.MatchingAs(story.Caseworker).PostAsync($"/referrals/{first.GetProperty("id").GetGuid()}/approve", null)).EnsureSuccessStatusCode();
        var firstProvider = firstOffer == nearMeals ? near : far;
        (await story.MatchingAsProvider(firstProvider).PostAsJsonAsync($"/referrals/{first.GetProperty("id").GetGuid()}/decline",
            new { reason = "NoCapacity" })).EnsureSuccessStatusCode();

        // The caseworker hears of the decline, and the other canteen is proposed without anyone asking.
        await Story.InboxAsync(story.InboxOf(story.Caseworker), "referral-declined", 1, About(first.GetProperty("id").GetGuid()));
        var next = await story.ReferralAsync(story.Caseworker, need,
            r => r.GetProperty("status").GetString() == "AwaitingApproval" && r.GetProperty("offerId").GetGuid() != firstOffer, "the next candidate proposed");
        next.GetProperty("offerId").GetGuid().ShouldBe(firstOffer == nearMeals ? farMeals : nearMeals);
    }

    [Fact]
    public async Task Flow_C_a_new_tutoring_offer_reaches_each_caseworker_with_fitting_needs_once()
    {
        var story = new Story(city);
        var (wang, li, zhao) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // Wang has two children who need tutoring, Li one; Zhao's client is an elder who needs meals.
        var wangCases = new[]
        {
            await story.OpenCaseAsync(wang, "Child", ["LeftBehind"]),
            await story.OpenCaseAsync(wang, "Child", ["LeftBehind", "ChildInDifficulty"]),
        };
        var needs = new List<(Guid Caseworker, Guid Need)>();
        foreach (var c in wangCases) needs.Add((wang, await story.RaiseNeedAsync(wang, c, "Tutoring", "Routine", "Weekly")));
        var liCase = await story.OpenCaseAsync(li, "Child", ["LeftBehind"]);
        needs.Add((li, await story.RaiseNeedAsync(li, liCase, "Tutoring", "Routine", "Weekly")));
        var zhaoCase = await story.OpenCaseAsync(zhao, "Elderly", ["LivesAlone"]);
        needs.Add((zhao, await story.RaiseNeedAsync(zhao, zhaoCase, "MealDelivery")));
        // Matching must know the needs before the offer arrives, or there is nobody to tell.
        foreach (var (caseworker, need) in needs)
            await Eventually.Until(async () => (await story.MatchingAs(caseworker).GetAsync($"/needs/{need}/candidates")).IsSuccessStatusCode,
                known => known, $"need {need} known to Matching");

        var charity = await story.RegisterProviderAsync("广灵县慈善协会", "Charity");
        var tutoring = await story.OfferAsync(charity, "Tutoring", "留守儿童课业辅导", capacity: 10, groups: ["Child"]);

        var toWang = await Story.InboxAsync(story.InboxOf(wang), "resource-matched", 1);
        toWang.Single().GetProperty("parameters").GetProperty("caseCount").GetString().ShouldBe("2");
        foreach (var c in wangCases) toWang.Single().GetProperty("parameters").GetProperty("cases").GetString()!.ShouldContain(c.ToString());
        toWang.Single().GetProperty("body").GetString()!.ShouldContain("留守儿童课业辅导");
        var toLi = await Story.InboxAsync(story.InboxOf(li), "resource-matched", 1);
        toLi.Single().GetProperty("parameters").GetProperty("cases").GetString().ShouldBe(liCase.ToString());

        // Once: Li's own tutoring referral and notifications arrive later, and still one resource message.
        await Story.InboxAsync(story.InboxOf(li), "referral-proposed.approve", 1);
        (await Story.InboxAsync(story.InboxOf(li), "resource-matched", 1)).Count.ShouldBe(1);
        (await Story.InboxAsync(story.InboxOf(wang), "resource-matched", 1)).Count.ShouldBe(1);
        var zhaoInbox = await HttpJson.Json(await story.InboxOf(zhao).GetAsync("/inbox?pageSize=100"));
        Story.Items(zhaoInbox, "resource-matched").ShouldBeEmpty();
        tutoring.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task Flow_B_volunteers_bring_the_meals_a_decline_is_reassigned_and_a_missed_meal_escalates()
    {
        var story = new Story(city);
        var canteen = await story.RegisterProviderAsync("南河堡乡长者食堂", "Canteen");
        await story.OfferAsync(canteen, "MealDelivery", "长者食堂助餐送餐", capacity: 5, groups: ["Elderly"], 40.421, 114.090);
        // The station supervisor is in the directory (they set their preferences once).
        (await city.Notifications.ClientAs(Roles.Supervisor, story.Supervisor, story.Station)
            .PutAsJsonAsync("/preferences", new { channels = new[] { "InApp" }, language = "zh-CN" })).EnsureSuccessStatusCode();

        // Ms Sun lives alone; she consents to her delivery details going to the volunteers.
        var msSun = await story.MsSunWhoSharesHerDeliveryDetailsAsync(city.Clock.GetUtcNow());
        var need = await story.RaiseNeedAsync(story.Caseworker, msSun, "MealDelivery");
        var referral = (await story.ReferralAsync(story.Caseworker, need, r => r.GetProperty("status").GetString() == "AwaitingApproval", "proposal"))
            .GetProperty("id").GetGuid();
        (await story.MatchingAs(story.Caseworker).PostAsync($"/referrals/{referral}/approve", null)).EnsureSuccessStatusCode();
        (await story.MatchingAsProvider(canteen).PostAsync($"/referrals/{referral}/accept", null)).EnsureSuccessStatusCode();

        // Volunteers enrols her with the canteen, with the details she agreed to share.
        var first = await story.VolunteerAsync(40.420, 114.089);
        var second = await story.VolunteerAsync(40.425, 114.095);
        await story.EnrolledForMealsAsync(msSun);

        // Tomorrow's meal is planned and offered to the nearest volunteer, who is told; they decline, the other gets it.
        var tomorrow = city.LocalToday.AddDays(1);
        var (delivery, _, other) = await story.MealDeclinedAndReassignedAsync(tomorrow, msSun, first, second);

        // Offered, the volunteer sees where and when but not who; once accepted, what the door needs. Then the meal.
        var volunteer = story.VolunteersAs(other);
        JsonElement Task(JsonElement tasks) => tasks.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == delivery);
        Task(await HttpJson.Json(await volunteer.GetAsync($"/volunteers/{other}/tasks"))).TryGetProperty("recipient", out _).ShouldBeFalse();
        (await volunteer.PostAsync($"/deliveries/{delivery}/accept", null)).EnsureSuccessStatusCode();
        // The address and phone show only while the task's window is open: the morning of the meal.
        var accepted = Task(await HttpJson.Json(await volunteer.GetAsync($"/volunteers/{other}/tasks")));
        accepted.TryGetProperty("recipient", out _).ShouldBeFalse();
        city.Clock.SetUtcNow(accepted.GetProperty("detailsFrom").GetDateTimeOffset().ToUniversalTime());
        var recipient = Task(await HttpJson.Json(await volunteer.GetAsync($"/volunteers/{other}/tasks"))).GetProperty("recipient");
        recipient.GetProperty("name").GetString().ShouldBe("孙秀英");
        recipient.GetProperty("dietaryNotes").GetString().ShouldBe("低盐, 软食");
        (await volunteer.PostAsync($"/deliveries/{delivery}/pickup", null)).EnsureSuccessStatusCode();
        (await volunteer.PostAsJsonAsync($"/deliveries/{delivery}/complete", new { wellbeing = "Fine" })).EnsureSuccessStatusCode();
        var hours = await HttpJson.Json(await volunteer.GetAsync($"/volunteers/{other}/hours"));
        hours.GetProperty("balance").GetDecimal().ShouldBeGreaterThan(0m);
        await Eventually.Until(async () => (await HttpJson.Json(await story.CasesAs(story.Caseworker).GetAsync($"/cases/{msSun}/timeline"))).ToString(),
            t => t.Contains("DeliveryCompleted"), "the delivery on Ms Sun's timeline");

        // The day after, nobody answers her door: an urgent alert to her caseworker, escalated when nobody acknowledges it.
        var dayAfter = tomorrow.AddDays(1);
        await story.MealMissedAsync(dayAfter, msSun);

        city.Clock.Advance(TimeSpan.FromMinutes(31));
        var escalated = await Story.InboxAsync(story.InboxOf(story.Supervisor, Roles.Supervisor), "escalation", 1);
        escalated.Single().GetProperty("caseId").GetGuid().ShouldBe(msSun);
    }
}
