using System.Security.Claims;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Sms;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using MimeKit;

namespace FiveSocieties.Notifications.Recipients;

/// <summary>
/// PUT /preferences: how the signed-in user wants to hear. Times are "HH:mm" in their time zone.
/// Phone: a mainland mobile number; staff are texted urgent alarms on it, and choosing Sms (with
/// the rules in SmsRules) is anyone's consent to be texted those rules too.
/// </summary>
public sealed record PreferencesRequest(
    IReadOnlyList<Channel>? Channels, string? Language, string? QuietFrom, string? QuietTo, string? Email, string? TimeZone,
    string? Phone = null, IReadOnlyList<string>? SmsRules = null);

public sealed record PreferencesView(
    Guid UserId, RecipientKind? Kind, Guid? StationId, IReadOnlyList<Channel> Channels, string Language, string? QuietFrom,
    string? QuietTo, string? Email, string TimeZone, long Version, string? Phone = null, IReadOnlyList<string>? SmsRules = null);

public static class PreferencesEndpoints
{
    public static void MapPreferences(this IEndpointRouteBuilder app)
    {
        app.MapGet("/preferences", GetAsync).RequireRoles(Roles.All.ToArray())
            .WithSummary("The signed-in user's notification preferences (defaults until set).");
        app.MapPut("/preferences", PutAsync).RequireRoles(Roles.All.ToArray())
            .WithSummary("Set channels, language (zh-CN | en), quiet hours, e-mail address, mobile number and the rules wanted by SMS; a supervisor's station joins escalations.");
    }

    private static async Task<Ok<PreferencesView>> GetAsync(ClaimsPrincipal principal, IQuerySession session, CancellationToken ct)
    {
        var user = CurrentUser.From(principal);
        return TypedResults.Ok(View(user.Id, await session.LoadAsync<Recipient>(user.Id, ct)));
    }

    private static async Task<Ok<PreferencesView>> PutAsync(
        PreferencesRequest request, ClaimsPrincipal principal, IDocumentStore store, HttpContext http, CancellationToken ct)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var channels = validator.List(request.Channels, "channels", 4);
        var language = request.Language ?? Preferences.Chinese;
        validator.Check(Preferences.Languages.Contains(language), "language", "must be zh-CN or en.");
        var quietFrom = Time(validator, request.QuietFrom, "quietFrom");
        var quietTo = Time(validator, request.QuietTo, "quietTo");
        validator.Check(quietFrom.HasValue == quietTo.HasValue, quietFrom.HasValue ? "quietTo" : "quietFrom",
            "quiet hours need both quietFrom and quietTo.");
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (email is not null)
            validator.Check(email.Length <= 254 && MailboxAddress.TryParse(email, out var address) && address.Address.Contains('@'),
                "email", "must be an e-mail address.");
        validator.Check(!channels.Contains(Channel.WeChat), "channels", "WeChat is reached through a binding (PUT /wechat-binding), not chosen here.");
        var wantsEmail = channels.Contains(Channel.Email);
        if (wantsEmail && email is null) validator.Fail("email", "is required when channels include Email.");
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(request.Phone))
        {
            phone = PhoneNumbers.Normalise(request.Phone);
            validator.Check(phone is not null, "phone", "must be a mainland China mobile number of 11 digits, e.g. 13812345678.");
        }
        if (channels.Contains(Channel.Sms) && string.IsNullOrWhiteSpace(request.Phone)) validator.Fail("phone", "is required when channels include Sms.");
        var smsRules = validator.List(request.SmsRules, "smsRules", 20);
        for (var i = 0; i < smsRules.Count; i++)
            validator.Check(SmsTemplates.Has(smsRules[i]), $"smsRules[{i}]",
                $"has no SMS template; rules with one: {string.Join(", ", SmsTemplates.ByRule.Keys.Order(StringComparer.Ordinal))}.");
        var timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? Preferences.DefaultTimeZone : request.TimeZone.Trim();
        validator.Check(TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _), "timeZone", "must be an IANA time zone, e.g. Asia/Shanghai.");
        var kind = user.IsIn(Roles.Supervisor) ? RecipientKind.Supervisor
            : user.IsIn(Roles.Caseworker) ? RecipientKind.Caseworker
            : user.IsIn(Roles.Volunteer) ? RecipientKind.Volunteer
            : RecipientKind.Staff;
        if (kind == RecipientKind.Supervisor && user.StationId is null)
            validator.Fail("station", "a supervisor's token must carry a station claim (escalations go to a station's supervisors).");
        validator.ThrowIfInvalid();

        IReadOnlyList<Channel> chosen = [Channel.InApp, .. channels.Where(c => c != Channel.InApp).Distinct().Order()];
        var preferences = new Preferences(chosen, language, quietFrom, quietTo, email, timeZone, phone,
            smsRules.Count == 0 ? null : smsRules.Distinct().Order(StringComparer.Ordinal).ToList());
        return await store.DecideOrStartOverHttpAsync<Recipient, Ok<PreferencesView>>(user.Id, http,
            state => RecipientDecider.Decide(state, new SetPreferences(user.Id, kind, user.StationId ?? Guid.Empty, preferences)),
            (_, recipient) => TypedResults.Ok(View(user.Id, recipient)), ct);
    }

    private static TimeOnly? Time(RequestValidator validator, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], out var time)) return time;
        validator.Fail(field, "must be a time of day as HH:mm, e.g. 22:00.");
        return null;
    }

    private static PreferencesView View(Guid userId, Recipient? recipient)
    {
        var p = recipient?.EffectivePreferences ?? Preferences.Default;
        return new PreferencesView(userId, recipient?.Kind, recipient?.StationId, p.Channels, p.Language, p.QuietFrom?.ToString("HH:mm"),
            p.QuietTo?.ToString("HH:mm"), p.Email, p.TimeZone, recipient?.Version ?? 0, p.Phone, p.SmsRules);
    }
}
