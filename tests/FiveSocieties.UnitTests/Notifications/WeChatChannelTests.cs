using FiveSocieties.BuildingBlocks.WeChat;
using FiveSocieties.Notifications;
using FiveSocieties.Notifications.Delivery.WeChat;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.UnitTests.Notifications;

public sealed class WeChatChannelTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<FallbackStep> Fallback = new NotificationSettings().UrgentFallbackInForce;
    private static readonly WeChatBinding Bound = WeChatBinding.Create(new WeChatBound(Guid.NewGuid(), "o-caseworker-1", Now.AddDays(-1)));

    [Fact]
    public void A_missed_meal_maps_to_its_template_with_chinese_keyword_values()
    {
        var (templateId, data) = WeChatTemplates.For("delivery-missed.lives-alone",
            new Dictionary<string, string> { ["date"] = "2026-12-01", ["reason"] = "NoAnswerAtDoor" },
            new Dictionary<string, string> { ["delivery-missed.lives-alone"] = "tpl-from-console" })!.Value;

        templateId.ShouldBe("tpl-from-console");
        data.ShouldBe(new Dictionary<string, string> { ["thing1"] = "独居服务对象送餐未送达", ["time2"] = "12月1日", ["thing3"] = "敲门无人应答" },
            ignoreOrder: true);
    }

    [Fact]
    public void The_default_fallback_is_WeChat_after_five_minutes_then_SMS_after_ten() =>
        Fallback.Select(s => (s.Channel, s.After)).ShouldBe([(Channel.WeChat, TimeSpan.FromMinutes(5)), (Channel.Sms, TimeSpan.FromMinutes(10))]);

    [Fact]
    public void An_urgent_alarm_to_a_bound_person_plans_WeChat_after_its_wait()
    {
        WeChatPolicy.Plan(Bound, "delivery-missed.lives-alone", Urgency.Urgent, Now, Fallback)
            .ShouldHaveSingleItem().ShouldBe(new PlannedDelivery(Channel.WeChat, null, Now.AddMinutes(5)));
    }

    [Fact]
    public void Nothing_goes_by_WeChat_unbound_refused_or_not_urgent()
    {
        var refused = Bound.Apply(new WeChatBindingRefused("o-caseworker-1", WeChatBindingStatus.Unsubscribed, 43101, "tpl", Now));

        WeChatPolicy.Plan(null, "delivery-missed.lives-alone", Urgency.Urgent, Now, Fallback).ShouldBeEmpty();
        WeChatPolicy.Plan(refused, "delivery-missed.lives-alone", Urgency.Urgent, Now, Fallback).ShouldBeEmpty();
        WeChatPolicy.Plan(Bound, "delivery-reminder", Urgency.Normal, Now, Fallback).ShouldBeEmpty();
        WeChatPolicy.OpenIdFor(refused, "delivery-missed.lives-alone", Urgency.Urgent).Refusal.ShouldBe("the recipient's WeChat binding is Unsubscribed");
    }

    [Fact]
    public void A_failed_WeChat_send_is_dead_lettered_and_brings_the_SMS_forward_to_now()
    {
        var state = Urgent(new PlannedDelivery(Channel.WeChat, null, Now.AddMinutes(5)), new PlannedDelivery(Channel.Sms, null, Now.AddMinutes(10)));
        var at = Now.AddMinutes(5);

        var events = NotificationDecider.Decide(state, new RecordAttempt(Channel.WeChat, null, AttemptOutcome.Failed, 1, "errcode 43101", at, null));
        var after = events.Aggregate(state, (s, e) => e switch
        {
            DeliveryAttempted a => s.Apply(a), DeliveryDeadLettered d => s.Apply(d), FallbackBroughtForward f => s.Apply(f), _ => s,
        });

        events.OfType<FallbackBroughtForward>().ShouldHaveSingleItem().ShouldBe(new FallbackBroughtForward(Channel.Sms, at));
        after.Pending.ShouldHaveSingleItem().ShouldBe(new PlannedDelivery(Channel.Sms, null, at));
        after.DeadLetters.ShouldHaveSingleItem().Channel.ShouldBe(Channel.WeChat);
    }

    [Fact]
    public void A_delivered_WeChat_leaves_the_SMS_at_its_wait()
    {
        var state = Urgent(new PlannedDelivery(Channel.WeChat, null, Now.AddMinutes(5)), new PlannedDelivery(Channel.Sms, null, Now.AddMinutes(10)));

        NotificationDecider.Decide(state, new RecordAttempt(Channel.WeChat, null, AttemptOutcome.Delivered, 1, "ok", Now.AddMinutes(5), null))
            .OfType<FallbackBroughtForward>().ShouldBeEmpty();
    }

    [Fact]
    public void An_acknowledgement_cancels_WeChat_and_SMS_not_yet_sent()
    {
        var state = Urgent(new PlannedDelivery(Channel.WeChat, null, Now.AddMinutes(5)), new PlannedDelivery(Channel.Sms, null, Now.AddMinutes(10)));

        var acknowledged = state.Apply(new NotificationAcknowledged(state.RecipientId, Now.AddMinutes(1)));

        acknowledged.Pending.ShouldBeEmpty();
        acknowledged.NextDeliveryAt.ShouldBeNull();
    }

    [Theory]
    [InlineData(WeChatRefusal.Unsubscribed, WeChatBindingStatus.Unsubscribed)]
    [InlineData(WeChatRefusal.TemplateBroken, WeChatBindingStatus.TemplateBroken)]
    [InlineData(WeChatRefusal.OpenIdInvalid, WeChatBindingStatus.OpenIdInvalid)]
    public void A_refusal_marks_the_binding_it_was_for(WeChatRefusal refusal, WeChatBindingStatus status)
    {
        var marked = WeChatBindingDecider.Decide(Bound, new MarkWeChatBindingRefused("o-caseworker-1", refusal, 43101, "tpl", Now))
            .ShouldHaveSingleItem().ShouldBeOfType<WeChatBindingRefused>();

        marked.Status.ShouldBe(status);
        Bound.Apply(marked).Usable.ShouldBeFalse();
    }

    [Fact]
    public void A_refusal_for_an_openid_since_replaced_marks_nothing_and_binding_again_restores_it()
    {
        WeChatBindingDecider.Decide(Bound, new MarkWeChatBindingRefused("o-old-one", WeChatRefusal.Unsubscribed, 43101, "tpl", Now)).ShouldBeEmpty();
        var refused = Bound.Apply(new WeChatBindingRefused("o-caseworker-1", WeChatBindingStatus.Unsubscribed, 43101, "tpl", Now));

        var rebound = WeChatBindingDecider.Decide(refused, new BindWeChat(Bound.Id, "o-caseworker-1", Now.AddHours(1))).ShouldHaveSingleItem();
        refused.Apply((WeChatBound)rebound).Usable.ShouldBeTrue();
        WeChatBindingDecider.Decide(Bound, new BindWeChat(Bound.Id, "o-caseworker-1", Now)).ShouldBeEmpty();
    }

    [Fact]
    public void An_erased_persons_binding_forgets_the_openid_once_and_carries_nothing_more()
    {
        var erased = Bound.Apply(WeChatBindingDecider.Decide(Bound, new EraseWeChatBinding(Bound.Id, Now)).ShouldHaveSingleItem()
            .ShouldBeOfType<WeChatBindingErased>());

        erased.OpenId.ShouldBeEmpty();
        erased.Status.ShouldBe(WeChatBindingStatus.Erased);
        WeChatPolicy.OpenIdFor(erased, "delivery-missed.lives-alone", Urgency.Urgent).OpenId.ShouldBeNull();
        WeChatBindingDecider.Decide(erased, new EraseWeChatBinding(Bound.Id, Now)).ShouldBeEmpty();
        WeChatBindingDecider.Decide(null, new EraseWeChatBinding(Bound.Id, Now)).ShouldBeEmpty("never bound: nothing to forget");
    }

    [Theory]
    [InlineData("oFdcs5Sm4ZWc0L5CiHhJyQWfTc5Q", true)]
    [InlineData("o-x", false)]
    [InlineData("o<script>", false)]
    [InlineData(null, false)]
    public void Only_openid_shaped_values_are_bound(string? value, bool valid) => WeChatBindingDecider.IsOpenId(value).ShouldBe(valid);

    [Fact]
    public void A_fallback_naming_a_channel_twice_is_named_by_its_key() =>
        new NotificationSettings
        {
            UrgentFallback = [new() { Channel = Channel.Sms, After = TimeSpan.FromMinutes(5) }, new() { Channel = Channel.Sms, After = TimeSpan.FromMinutes(9) }],
        }.UrgentFallbackProblems().ShouldBe(["Notifications:UrgentFallback:1:Channel: Sms is a step already."]);

    private static Notification Urgent(params PlannedDelivery[] planned) => Notification.Create(new NotificationCreated(Guid.NewGuid(), Guid.NewGuid(),
        RecipientKind.Caseworker, "delivery-missed.lives-alone", Urgency.Urgent, Guid.NewGuid(), null, null, new Dictionary<string, string>(),
        planned, Now.AddMinutes(30), Now));
}
