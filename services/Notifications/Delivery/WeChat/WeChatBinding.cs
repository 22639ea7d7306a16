// A person's WeChat binding (微信绑定): the openid under which the official account knows them,
// made by the person signing in through WeChat (their consent to be reached there), marked when
// the platform refuses it, and forgotten when the person (a volunteer) is erased. It shares the
// person's stream (its id the person's id) with their directory entry.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.WeChat;

namespace FiveSocieties.Notifications.Delivery.WeChat;

public enum WeChatBindingStatus { Active, Unsubscribed, TemplateBroken, OpenIdInvalid, Erased }

public sealed record WeChatBound(Guid PersonId, string OpenId, DateTimeOffset At);

/// <summary>The platform refused a notification to this binding (43101, 40037 …): it is not used again until the person binds anew.</summary>
public sealed record WeChatBindingRefused(string OpenId, WeChatBindingStatus Status, int ErrCode, string TemplateId, DateTimeOffset At);

/// <summary>The person was erased: the openid is forgotten here, and blanked in the earlier events that carried it in the same commit.</summary>
public sealed record WeChatBindingErased(Guid PersonId, DateTimeOffset At);

public sealed record WeChatBinding(Guid Id, string OpenId, WeChatBindingStatus Status, DateTimeOffset BoundAt, string? Problem, long Version)
{
    public bool Usable => Status == WeChatBindingStatus.Active;

    public static WeChatBinding Create(WeChatBound e) => new(e.PersonId, e.OpenId, WeChatBindingStatus.Active, e.At, null, 1);

    public WeChatBinding Apply(WeChatBound e) => this with { OpenId = e.OpenId, Status = WeChatBindingStatus.Active, BoundAt = e.At, Problem = null };

    public WeChatBinding Apply(WeChatBindingRefused e) =>
        this with { Status = e.Status, Problem = $"errcode {e.ErrCode} on template {e.TemplateId} at {e.At:O}" };

    public WeChatBinding Apply(WeChatBindingErased e) => this with { OpenId = "", Status = WeChatBindingStatus.Erased, Problem = null };
}

public sealed record BindWeChat(Guid PersonId, string OpenId, DateTimeOffset At);
public sealed record EraseWeChatBinding(Guid PersonId, DateTimeOffset At);
public sealed record MarkWeChatBindingRefused(string OpenId, WeChatRefusal Refusal, int ErrCode, string TemplateId, DateTimeOffset At);

public static class WeChatBindingDecider
{
    public static IReadOnlyList<object> Decide(WeChatBinding? state, BindWeChat command) =>
        state is { Usable: true } && state.OpenId == command.OpenId ? [] : [new WeChatBound(command.PersonId, command.OpenId, command.At)];

    /// <summary>Marks only the binding the refused send used: a person who has bound anew since keeps the new one.</summary>
    public static IReadOnlyList<object> Decide(WeChatBinding? state, MarkWeChatBindingRefused command)
    {
        if (state is null || state.OpenId != command.OpenId || !state.Usable || command.Refusal == WeChatRefusal.None) return [];
        var status = command.Refusal switch
        {
            WeChatRefusal.Unsubscribed => WeChatBindingStatus.Unsubscribed,
            WeChatRefusal.TemplateBroken => WeChatBindingStatus.TemplateBroken,
            _ => WeChatBindingStatus.OpenIdInvalid,
        };
        return [new WeChatBindingRefused(command.OpenId, status, command.ErrCode, command.TemplateId, command.At)];
    }

    /// <summary>Once, for a binding that exists: an erased person has nothing left to forget.</summary>
    public static IReadOnlyList<object> Decide(WeChatBinding? state, EraseWeChatBinding command) =>
        state is null or { Status: WeChatBindingStatus.Erased } ? [] : [new WeChatBindingErased(command.PersonId, command.At)];

    /// <summary>What an openid looks like: the platform's are 28 characters of letters, digits, '-' and '_'; we allow 6–64 of them.</summary>
    public static bool IsOpenId(string? value) =>
        value is { Length: >= 6 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
