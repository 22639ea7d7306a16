using FiveSocieties.Notifications;
using FiveSocieties.Notifications.Delivery.Sms;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.UnitTests.Notifications;

public sealed class SmsChannelTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero); // 22:00 in Beijing
    private static readonly IReadOnlyList<FallbackStep> TenMinutes = [new() { Channel = Channel.Sms, After = TimeSpan.FromMinutes(10) }];

    private static Preferences With(string? phone, IReadOnlyList<Channel>? channels = null, IReadOnlyList<string>? smsRules = null) =>
        Preferences.Default with { Phone = phone, Channels = channels ?? [Channel.InApp], SmsRules = smsRules, QuietFrom = new(21, 0), QuietTo = new(7, 0) };

    [Fact]
    public void A_missed_meal_for_someone_living_alone_maps_to_its_template_with_chinese_values()
    {
        var (code, variables) = SmsTemplates.For("delivery-missed.lives-alone",
            new Dictionary<string, string> { ["date"] = "2026-12-01", ["reason"] = "NoAnswerAtDoor", ["deliveryId"] = Guid.NewGuid().ToString() },
            new Dictionary<string, string>())!.Value;

        code.ShouldBe("SMS_490001");
        variables.ShouldBe(new Dictionary<string, string> { ["date"] = "12月1日", ["reason"] = "敲门无人应答" }, ignoreOrder: true);
    }

    [Fact]
    public void A_configured_template_code_replaces_the_default_and_the_variables_stay()
    {
        var (code, variables) = SmsTemplates.For("dispatch-failed",
            new Dictionary<string, string> { ["date"] = "2026-12-02", ["reason"] = "AllVolunteersDeclined" },
            new Dictionary<string, string> { ["dispatch-failed"] = "SMS_123456789" })!.Value;

        code.ShouldBe("SMS_123456789");
        variables["reason"].ShouldBe("志愿者均已婉拒");
    }

    [Fact]
    public void Every_template_variable_is_filled_and_short_enough_for_the_platform()
    {
        var parameters = new Dictionary<string, string>
        {
            ["date"] = "2026-12-01", ["reason"] = "Other", ["category"] = "MealDelivery", ["window"] = "11:00–12:00",
            ["originalTitle"] = "紧急：独居老人送餐未送达（一个很长很长很长很长的标题）", ["level"] = "1",
        };
        foreach (var template in SmsTemplates.ByRule.Values)
        {
            var variables = template.Variables(parameters);
            foreach (var name in System.Text.RegularExpressions.Regex.Matches(template.ApprovedText, @"\$\{(\w+)\}").Select(m => m.Groups[1].Value))
                variables.ShouldContainKey(name, $"{template.Rule}: ${{{name}}}");
            variables.Values.ShouldAllBe(v => v.Length > 0 && v.Length <= 35); // the platform's cap per variable
            variables.Values.Where(v => Guid.TryParse(v, out var _)).ShouldBeEmpty();
        }
        NotificationRules.UrgentRules.ShouldAllBe(rule => SmsTemplates.Has(rule));
    }

    [Fact]
    public void A_caseworker_with_a_number_gets_an_urgent_alarm_by_SMS_after_the_wait_even_in_quiet_hours()
    {
        var planned = SmsPolicy.Plan(RecipientKind.Caseworker, With("13812345678"), "delivery-missed.lives-alone", Urgency.Urgent, Now, Now, TenMinutes);

        planned.ShouldHaveSingleItem().ShouldBe(new PlannedDelivery(Channel.Sms, null, Now.AddMinutes(10)));
    }

    [Fact]
    public void A_volunteer_is_texted_only_the_rules_they_chose_and_only_after_quiet_hours()
    {
        var consenting = With("13812345678", [Channel.InApp, Channel.Sms], ["delivery-reminder"]);
        var afterQuiet = QuietHours.NotBefore(consenting, Urgency.Normal, Now);

        SmsPolicy.Plan(RecipientKind.Volunteer, consenting, "delivery-reminder", Urgency.Normal, afterQuiet, Now, TenMinutes)
            .ShouldHaveSingleItem().NotBefore.ShouldBe(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero)); // 07:00 Beijing
        SmsPolicy.Plan(RecipientKind.Volunteer, consenting, "task-reassigned", Urgency.Normal, Now, Now, TenMinutes).ShouldBeEmpty();
        SmsPolicy.Plan(RecipientKind.Volunteer, With("13812345678"), "delivery-reminder", Urgency.Normal, Now, Now, TenMinutes).ShouldBeEmpty();
        SmsPolicy.PhoneFor(RecipientKind.Volunteer, With("13812345678"), "dispatch-failed", Urgency.Urgent).Phone.ShouldBeNull();
    }

    [Fact]
    public void Without_a_number_or_a_template_nothing_is_texted()
    {
        SmsPolicy.PhoneFor(RecipientKind.Supervisor, With(null), "dispatch-failed", Urgency.Urgent).Refusal.ShouldNotBeNull();
        SmsPolicy.PhoneFor(RecipientKind.Supervisor, With("13812345678"), "case-break-glass", Urgency.Normal).Refusal!.ShouldContain("no SMS template");
    }

    [Fact]
    public void An_acknowledgement_cancels_the_SMS_not_yet_sent_and_keeps_the_other_channels()
    {
        var created = new NotificationCreated(Guid.NewGuid(), Guid.NewGuid(), RecipientKind.Caseworker, "delivery-missed.lives-alone", Urgency.Urgent,
            Guid.NewGuid(), null, null, new Dictionary<string, string>(),
            [new PlannedDelivery(Channel.Email, null, Now), new PlannedDelivery(Channel.Sms, null, Now.AddMinutes(10))], Now.AddMinutes(30), Now);
        var state = Notification.Create(created);

        var acknowledged = state.Apply(new NotificationAcknowledged(created.RecipientId, Now.AddMinutes(5)));

        acknowledged.Pending.ShouldHaveSingleItem().Channel.ShouldBe(Channel.Email);
        acknowledged.NextDeliveryAt.ShouldBe(Now);
    }

    [Fact]
    public void A_failed_receipt_dead_letters_the_SMS_once_and_a_receipt_for_no_SMS_records_nothing()
    {
        var created = new NotificationCreated(Guid.NewGuid(), Guid.NewGuid(), RecipientKind.Caseworker, "delivery-missed.lives-alone", Urgency.Urgent,
            Guid.NewGuid(), null, null, new Dictionary<string, string>(), [new PlannedDelivery(Channel.Sms, null, Now)], Now.AddMinutes(30), Now);
        var state = Notification.Create(created);
        var receipt = new RecordSmsReceipt("biz", false, "MK:0001", "用户接收失败", Now.AddMinutes(1));
        NotificationDecider.Decide(state, receipt).ShouldBeEmpty();

        var sent = state.Apply(new NotificationDelivered(Channel.Sms, null, Now)) with { Version = 2 };
        var recorded = NotificationDecider.Decide(sent, receipt).ShouldHaveSingleItem().ShouldBeOfType<SmsReceiptRecorded>();
        var failed = sent.Apply(recorded);

        failed.DeadLetters.ShouldHaveSingleItem().Reason.ShouldContain("MK:0001");
        NotificationDecider.Decide(failed, receipt).ShouldBeEmpty();
    }

    [Fact]
    public void A_fallback_step_on_another_channel_or_without_a_wait_is_named_by_its_key()
    {
        new NotificationSettings().UrgentFallbackProblems().ShouldBeEmpty();
        var settings = new NotificationSettings
        {
            UrgentFallback = [new() { Channel = Channel.Email, After = TimeSpan.FromMinutes(5) }, new() { Channel = Channel.Sms, After = TimeSpan.Zero }],
        };

        settings.UrgentFallbackProblems().ShouldBe([
            "Notifications:UrgentFallback:0:Channel must be WeChat or Sms.",
            "Notifications:UrgentFallback:1:After must be a positive wait, e.g. 00:10:00.",
        ]);
    }

    [Fact]
    public void A_configured_fallback_replaces_the_default_whole()
    {
        var configuration = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder(),
            [new("UrgentFallback:0:Channel", "Sms"), new("UrgentFallback:0:After", "00:05:00")]).Build();

        var settings = Microsoft.Extensions.Configuration.ConfigurationBinder.Get<NotificationSettings>(configuration)!;

        settings.UrgentFallbackInForce.ShouldHaveSingleItem().After.ShouldBe(TimeSpan.FromMinutes(5));
    }
}
