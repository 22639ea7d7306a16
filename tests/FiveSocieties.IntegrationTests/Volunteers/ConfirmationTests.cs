using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.ChannelStandIns.Sms;
using FiveSocieties.Volunteers.Deliveries;
using FiveSocieties.Volunteers.Deliveries.Confirming;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Volunteers;

/// <summary>The Volunteers service texting through the SMS platform's stand-in.</summary>
public sealed class SmsVolunteersService : VolunteersService
{
    protected override bool WithSms => true;
}

/// <summary>The household confirms or skips tomorrow's meal by SMS, the evening before.</summary>
public sealed class ConfirmationTests(SmsVolunteersService service) : IClassFixture<SmsVolunteersService>
{
    private readonly Guid _station = Guid.NewGuid();
    private HttpClient Coordinator => service.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station);

    private async Task PlanAsync(DateOnly date) =>
        (await Coordinator.PostAsJsonAsync("/deliveries/plan", new { date })).EnsureSuccessStatusCode();

    private async Task<JsonElement> DeliveryAsync(DateOnly date, Guid caseId) =>
        (await VolunteersService.GetJson(Coordinator, $"/deliveries?date={date:yyyy-MM-dd}")).EnumerateArray()
        .Single(d => d.GetProperty("caseId").GetGuid() == caseId);

    /// <summary>The next 18:01 in Beijing and the date of the day after it.</summary>
    private (DateTimeOffset Evening, DateOnly Tomorrow) NextEvening()
    {
        var now = service.Clock.GetUtcNow().ToOffset(VolunteersService.Offset);
        var evening = new DateTimeOffset(now.Date.AddHours(18).AddMinutes(1), VolunteersService.Offset);
        if (evening <= now) evening = evening.AddDays(1);
        return (evening, DateOnly.FromDateTime(evening.Date).AddDays(1));
    }

    private Task<List<ReceivedSms>> AskedAsync(Guid deliveryId) => service.Eventually(
        () => Task.FromResult(service.Channels!.Sms.Received.Where(m => m.OutId == deliveryId.ToString("N")).ToList()),
        list => list.Count > 0, $"the confirmation SMS for delivery {deliveryId}");

    [Fact]
    public async Task The_evening_before_a_household_is_texted_once_on_the_template_to_confirm_tomorrows_meal()
    {
        var (evening, tomorrow) = NextEvening();
        var first = Guid.NewGuid();
        await service.EnrolAsync(first, _station, "郑奶奶", 40.095, 113.30);
        await PlanAsync(tomorrow);
        var firstId = (await DeliveryAsync(tomorrow, first)).GetProperty("id").GetGuid();

        service.Clock.Advance(evening - service.Clock.GetUtcNow());
        var sms = (await AskedAsync(firstId)).ShouldHaveSingleItem();
        sms.PhoneNumber.ShouldBe("13800001111");
        sms.TemplateCode.ShouldBe("SMS_490021");
        sms.SignName.ShouldBe("五社联动");
        sms.Parameters["date"].ShouldBe($"{tomorrow.Month}月{tomorrow.Day}日");
        sms.Parameters["window"].ShouldBe("11:00-12:30");

        // A household planned later the same evening is asked by the next sweep; the first is not asked again.
        var second = Guid.NewGuid();
        await service.EnrolAsync(second, _station, "冯爷爷", 40.097, 113.30);
        await PlanAsync(tomorrow);
        var secondId = (await DeliveryAsync(tomorrow, second)).GetProperty("id").GetGuid();
        service.Clock.Advance(TimeSpan.FromMinutes(1));
        (await AskedAsync(secondId)).ShouldHaveSingleItem();
        service.Channels!.Sms.Received.Count(m => m.OutId == firstId.ToString("N")).ShouldBe(1);
    }

    [Fact]
    public async Task A_household_is_texted_only_while_it_agrees_to_be()
    {
        var (evening, tomorrow) = NextEvening();
        var neverAgreed = Guid.NewGuid();
        await service.EnrolAsync(neverAgreed, _station, "韩奶奶", 40.091, 113.31, phone: "13800002101", smsContact: false);
        var changedTheirMind = Guid.NewGuid();
        await service.EnrolAsync(changedTheirMind, _station, "杨爷爷", 40.093, 113.31, phone: "13800002102", smsContact: false);
        var consent = Guid.NewGuid();
        await service.SmsContactAllowed(changedTheirMind, consent);
        await service.Others.Publish(new V1.HouseholdSmsContactEnded(Guid.NewGuid(), service.Clock.GetUtcNow(), consent, changedTheirMind,
            V1.SharingRevocationCause.ConsentWithdrawn));
        var agreed = Guid.NewGuid();
        await service.EnrolAsync(agreed, _station, "朱奶奶", 40.095, 113.31, phone: "13800002103");
        await PlanAsync(tomorrow);
        var ids = new Dictionary<Guid, Guid>();
        foreach (var caseId in new[] { neverAgreed, changedTheirMind, agreed })
            ids[caseId] = (await DeliveryAsync(tomorrow, caseId)).GetProperty("id").GetGuid();
        await StoredEnrolmentAsync(changedTheirMind, e => e.RevokedConsents.Contains(consent), "the consent's end");

        service.Clock.Advance(evening - service.Clock.GetUtcNow());
        (await AskedAsync(ids[agreed])).ShouldHaveSingleItem();
        // One more household and one more sweep: once it is asked, the sweep before it has looked at every delivery.
        var later = Guid.NewGuid();
        await service.EnrolAsync(later, _station, "秦爷爷", 40.097, 113.31, phone: "13800002104");
        await PlanAsync(tomorrow);
        var laterId = (await DeliveryAsync(tomorrow, later)).GetProperty("id").GetGuid();
        service.Clock.Advance(TimeSpan.FromMinutes(1));
        await AskedAsync(laterId);

        service.Channels!.Sms.Received.ShouldNotContain(m => m.PhoneNumber == "13800002101" || m.PhoneNumber == "13800002102");
        foreach (var caseId in new[] { neverAgreed, changedTheirMind })
        {
            (await StoredAsync(ids[caseId], _ => true, "the delivery")).Confirmation.ShouldBe(RecipientConfirmation.NotAsked);
            (await DeliveryAsync(tomorrow, caseId)).GetProperty("confirmation").GetString().ShouldBe("NotAsked");
        }
    }

    private Task<FiveSocieties.Volunteers.Enrolments.MealEnrolment> StoredEnrolmentAsync(
        Guid caseId, Func<FiveSocieties.Volunteers.Enrolments.MealEnrolment, bool> done, string what) => service.Eventually(async () =>
    {
        await using var query = Store.QuerySession();
        return (await query.LoadAsync<FiveSocieties.Volunteers.Enrolments.MealEnrolment>(
            FiveSocieties.Volunteers.Enrolments.MealEnrolment.IdFor(caseId)))!;
    }, e => e is not null && done(e), what);

    private static long _sequence = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Households enrolled with their own phones, tomorrow's meals planned (offered to a volunteer), and the question asked; the deliveries' ids.</summary>
    private async Task<Guid[]> AskedHouseholdsAsync(params (string Phone, string Name)[] households)
    {
        var (evening, tomorrow) = NextEvening();
        var volunteer = await service.VolunteerAsync(_station, 40.092, 113.296);
        var cases = households.Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < cases.Length; i++)
            await service.EnrolAsync(cases[i], _station, households[i].Name, 40.095 + i * 0.002, 113.30, phone: households[i].Phone);
        await PlanAsync(tomorrow);
        var ids = new List<Guid>();
        foreach (var caseId in cases) ids.Add((await DeliveryAsync(tomorrow, caseId)).GetProperty("id").GetGuid());
        // Accepted, so the offers do not lapse while the clock runs to the evening.
        foreach (var id in ids)
            (await service.ClientAs(Roles.Volunteer, volunteer).PostAsync($"/deliveries/{id}/accept", null)).EnsureSuccessStatusCode();
        service.Clock.Advance(evening - service.Clock.GetUtcNow());
        foreach (var id in ids)
        {
            await AskedAsync(id);
            await StoredAsync(id, d => d.Confirmation == RecipientConfirmation.NoAnswer, "the question recorded");
        }
        return [.. ids];
    }

    /// <summary>Pushes replies as the platform does (SmsUp, a JSON array) to the URL with the token.</summary>
    private async Task<HttpResponseMessage> PushAsync(string token, params (string Phone, string Content, long Sequence)[] replies)
    {
        var client = service.Host.CreateClient();
        return await client.PostAsJsonAsync($"/sms/replies/{token}", replies.Select(r => new Dictionary<string, object>
        {
            ["phone_number"] = r.Phone, ["content"] = r.Content, ["send_time"] = "2026-12-07 19:00:00", ["sign_name"] = "五社联动",
            ["dest_code"] = "1234", ["sequence_id"] = r.Sequence,
        }));
    }

    private static Task<JsonElement> HttpJsonOf(HttpResponseMessage response) => Infrastructure.HttpJson.Json(response);

    private IDocumentStore Store => service.Host.Services.GetRequiredService<IDocumentStore>();

    private Task<Delivery> StoredAsync(Guid id, Func<Delivery, bool> done, string what) => service.Eventually(async () =>
    {
        await using var query = Store.QuerySession();
        return (await query.LoadAsync<Delivery>(id))!;
    }, d => d is not null && done(d), what);

    private async Task<int> RepliesRecordedAsync(long sequence)
    {
        await using var query = Store.QuerySession();
        return (await query.Events.FetchStreamAsync(RecipientRepliesEndpoint.StreamFor(sequence.ToString()))).Count;
    }

    [Fact]
    public async Task Reply_1_confirms_tomorrows_meal_and_reply_2_cancels_it_before_dispatch()
    {
        var ids = await AskedHouseholdsAsync(("13800002001", "褚奶奶"), ("13800002002", "卫爷爷"));
        var (confirming, skipping) = (ids[0], ids[1]);
        (await StoredAsync(skipping, _ => true, "the delivery")).Status.ShouldBe(DeliveryStatus.Accepted);

        (await PushAsync(VolunteersService.SmsToken, ("13800002001", " 1 ", ++_sequence))).EnsureSuccessStatusCode();
        // The skip goes through the stand-in, which pushes it to the service's callback as the platform does.
        using var standIn = new HttpClient { BaseAddress = service.Channels!.Address };
        var pushed = await HttpJsonOf(await standIn.PostAsJsonAsync("standin/sms/replies", new { phone = "13800002002", content = "２" }));
        pushed.GetProperty("callbackStatus").GetInt32().ShouldBe(200, pushed.ToString());

        var confirmed = await StoredAsync(confirming, d => d.Confirmation != RecipientConfirmation.NoAnswer, "the confirmation");
        confirmed.Confirmation.ShouldBe(RecipientConfirmation.Confirmed);
        confirmed.Status.ShouldNotBe(DeliveryStatus.Cancelled);
        var skipped = await StoredAsync(skipping, d => d.Confirmation != RecipientConfirmation.NoAnswer, "the skip");
        skipped.Confirmation.ShouldBe(RecipientConfirmation.Skipped);
        skipped.Status.ShouldBe(DeliveryStatus.Cancelled);
        skipped.CancellationCause.ShouldBe(CancellationCause.RecipientRefused);
        skipped.IsAssigned.ShouldBeFalse();
        // The volunteer who had accepted it and the coordinators are told (Notifications' rules address them from this).
        var told = await service.Eventually(
            () => Task.FromResult(service.Heard.Of<V1.DeliverySkippedByRecipient>().FirstOrDefault(e => e.TaskId == skipping)),
            e => e is not null, "DeliverySkippedByRecipient published");
        (told!.VolunteerId, told.StationId, told.Date).ShouldBe((skipped.VolunteerId, _station, skipped.Date));
        told.VolunteerId.ShouldNotBeNull();
        service.Heard.Of<V1.DeliverySkippedByRecipient>().ShouldNotContain(e => e.TaskId == confirming);
        // The coordinator's board shows each household's answer.
        (await DeliveryAsync(confirmed.Date, confirmed.CaseId)).GetProperty("confirmation").GetString().ShouldBe("Confirmed");
        var row = await DeliveryAsync(skipped.Date, skipped.CaseId);
        (row.GetProperty("confirmation").GetString(), row.GetProperty("status").GetString()).ShouldBe(("Skipped", "Cancelled"));
    }

    [Fact]
    public async Task A_reply_that_is_neither_1_nor_2_is_recorded_as_not_understood_and_changes_nothing()
    {
        var id = (await AskedHouseholdsAsync(("13800002003", "蒋奶奶")))[0];
        var sequence = ++_sequence;
        (await PushAsync(VolunteersService.SmsToken, ("13800002003", "好的谢谢", sequence))).EnsureSuccessStatusCode();
        (await RepliesRecordedAsync(sequence)).ShouldBe(1);
        var stored = await StoredAsync(id, _ => true, "the delivery");
        stored.Confirmation.ShouldBe(RecipientConfirmation.NoAnswer);
        (await DeliveryAsync(stored.Date, stored.CaseId)).GetProperty("confirmation").GetString().ShouldBe("NoAnswer");
    }

    [Fact]
    public async Task A_forged_or_replayed_reply_is_refused_and_nothing_is_recorded()
    {
        var id = (await AskedHouseholdsAsync(("13800002004", "沈爷爷")))[0];

        var forged = ++_sequence;
        (await PushAsync("not-the-platforms-token-0000000", ("13800002004", "2", forged))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        (await RepliesRecordedAsync(forged)).ShouldBe(0);
        (await StoredAsync(id, _ => true, "the delivery")).Confirmation.ShouldBe(RecipientConfirmation.NoAnswer);

        var sequence = ++_sequence;
        (await PushAsync(VolunteersService.SmsToken, ("13800002004", "1", sequence))).EnsureSuccessStatusCode();
        var version = (await StoredAsync(id, d => d.Confirmation == RecipientConfirmation.Confirmed, "the confirmation")).Version;
        // The same sequence id again, even with another answer: refused, and neither the reply nor the delivery changes.
        (await PushAsync(VolunteersService.SmsToken, ("13800002004", "2", sequence))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
        (await RepliesRecordedAsync(sequence)).ShouldBe(1);
        var after = await StoredAsync(id, _ => true, "the delivery");
        after.Confirmation.ShouldBe(RecipientConfirmation.Confirmed);
        after.Status.ShouldNotBe(DeliveryStatus.Cancelled);
        // The day's own sweeps may write to the delivery meanwhile (an offer to a volunteer); no answer of the household may.
        await using var query = Store.QuerySession();
        var since = (await query.Events.FetchStreamAsync(id)).Where(e => e.Version > version).Select(e => e.Data).ToList();
        since.ShouldNotContain(e => e is DeliveryConfirmedByRecipient || e is DeliverySkippedByRecipient);
    }
}
