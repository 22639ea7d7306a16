using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.ChannelStandIns.Sms;

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
}
