// The recipient directory (DESIGN §3 Notifications): who can be told what, built from the
// other services' events and from each person's own preferences. One stream per person (or
// provider organisation, whose users share its inbox).

namespace FiveSocieties.Notifications.Recipients;

public enum RecipientKind { Caseworker, Supervisor, Volunteer, Provider, Staff, Coordinator, DistrictOfficer }

/// <summary>Where a notification can reach someone. The in-app inbox (and its live stream) always does.</summary>
public enum Channel { InApp, Email, Webhook, Sms, WeChat }

/// <summary>
/// How a person wants to hear: channels, language (zh-CN | en), quiet hours in their own time
/// zone (non-urgent e-mail, webhooks and SMS wait until they end; urgent ones never wait), a
/// mobile number, and which non-urgent rules they also want by SMS (choosing Sms is their consent).
/// </summary>
public sealed record Preferences(
    IReadOnlyList<Channel> Channels, string Language, TimeOnly? QuietFrom, TimeOnly? QuietTo, string? Email, string TimeZone,
    string? Phone = null, IReadOnlyList<string>? SmsRules = null)
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public const string DefaultTimeZone = "Asia/Shanghai";
    public static readonly IReadOnlyList<string> Languages = [Chinese, English];
    public static readonly Preferences Default = new([Channel.InApp], Chinese, null, null, null, DefaultTimeZone);

    public bool Wants(Channel channel) => Channels.Contains(channel);

    public bool WantsSmsFor(string rule) => Wants(Channel.Sms) && (SmsRules ?? []).Contains(rule);
}

public sealed record CaseworkerEnteredDirectory(Guid UserId, Guid StationId);
/// <summary>A supervisor, volunteer or other staff member entered the directory (station may be empty).</summary>
public sealed record StaffEnteredDirectory(Guid UserId, RecipientKind Kind, Guid StationId);
public sealed record ProviderEnteredDirectory(Guid ProviderId, string Name);
public sealed record PreferencesSet(Guid UserId, Preferences Preferences);

/// <summary>The person's personal data was erased (a volunteer, on request): their phone and e-mail are gone, from this and every earlier PreferencesSet.</summary>
public sealed record RecipientContactsErased(Guid UserId, DateTimeOffset At);

/// <summary>
/// The roster (Cases) put the person on a post: a station's caseworker, supervisor or coordinator,
/// or a district's duty officer (StationId empty). From now on the roster, not their sign-in, says
/// what they answer for.
/// </summary>
public sealed record RosterPostTaken(Guid UserId, RecipientKind Kind, Guid StationId, string DistrictCode, long RosterVersion = 0);

/// <summary>The person left the roster: they answer for no station's or district's alarms any more.</summary>
public sealed record RosterPostLeft(Guid UserId, long RosterVersion = 0);

public sealed record Recipient(
    Guid Id, RecipientKind Kind, Guid StationId, long Version,
    Preferences? Preferences = null, string? Name = null, string? DistrictCode = null, bool FollowsRoster = false, long RosterVersion = 0)
{
    public Preferences EffectivePreferences => Preferences ?? Preferences.Default;

    public static Recipient Create(CaseworkerEnteredDirectory entered) =>
        new(entered.UserId, RecipientKind.Caseworker, entered.StationId, 1);

    public static Recipient Create(StaffEnteredDirectory entered) =>
        new(entered.UserId, entered.Kind, entered.StationId, 1);

    public static Recipient Create(ProviderEnteredDirectory entered) =>
        new(entered.ProviderId, RecipientKind.Provider, Guid.Empty, 1, Name: entered.Name);

    public Recipient Apply(StaffEnteredDirectory entered) =>
        this with { Kind = entered.Kind, StationId = entered.StationId };

    public Recipient Apply(CaseworkerEnteredDirectory entered) =>
        this with { Kind = RecipientKind.Caseworker, StationId = entered.StationId };

    public Recipient Apply(PreferencesSet set) => this with { Preferences = set.Preferences };

    public Recipient Apply(RecipientContactsErased _) =>
        this with { Preferences = Preferences is { } kept ? kept with { Phone = null, Email = null, SmsRules = null, Channels = [Channel.InApp] } : null };

    public static Recipient Create(RosterPostTaken taken) =>
        new(taken.UserId, taken.Kind, taken.StationId, 1, DistrictCode: taken.DistrictCode, FollowsRoster: true,
            RosterVersion: taken.RosterVersion);

    public Recipient Apply(RosterPostTaken taken) => this with
    {
        Kind = taken.Kind, StationId = taken.StationId, DistrictCode = taken.DistrictCode, FollowsRoster = true,
        RosterVersion = taken.RosterVersion,
    };

    /// <summary>Off the roster: no station, no district; their own cases and preferences stay.</summary>
    public Recipient Apply(RosterPostLeft left) =>
        this with { StationId = Guid.Empty, DistrictCode = null, FollowsRoster = true, RosterVersion = left.RosterVersion };
}

/// <summary>
/// Which caseworker answers for a case: one stream per case, not a list on the caseworker's entry,
/// so a caseworker with thousands of cases is never a stream every CaseOpened must write to (that
/// made concurrent openings conflict and retry, and notifications wait behind them).
/// </summary>
public sealed record CaseResponsibilityTaken(Guid CaseId, Guid CaseworkerId, Guid StationId);

public sealed record CaseResponsibility(Guid Id, Guid CaseworkerId, Guid StationId, long Version)
{
    public static CaseResponsibility Create(CaseResponsibilityTaken taken) =>
        new(taken.CaseId, taken.CaseworkerId, taken.StationId, 1);

    public CaseResponsibility Apply(CaseResponsibilityTaken taken) =>
        this with { CaseworkerId = taken.CaseworkerId, StationId = taken.StationId };
}

public sealed record AssignCase(Guid CaseworkerId, Guid StationId, Guid CaseId);
public sealed record EnterStaff(Guid UserId, RecipientKind Kind, Guid StationId);
public sealed record EnterProvider(Guid ProviderId, string Name);
public sealed record SetPreferences(Guid UserId, RecipientKind Kind, Guid StationId, Preferences Preferences);
public sealed record EraseContacts(Guid UserId, DateTimeOffset At);
/// <summary>
/// The roster's word on a person: their post now, or none (left). <see cref="RosterVersion"/> is
/// the version of their roster stream in Cases: the bus may hand a leaving over before the joining
/// it follows, and the older word must not win.
/// </summary>
public sealed record FollowRoster(Guid UserId, RecipientKind? Kind, Guid StationId, string? DistrictCode, long RosterVersion);

/// <summary>Keeps each person's entry and preferences, and who answers for each case; repeats change nothing.</summary>
public static class RecipientDecider
{
    /// <summary>Once erased, nothing to erase again; someone never in the directory has nothing to erase.</summary>
    public static IReadOnlyList<object> Decide(Recipient? state, EraseContacts command) =>
        state?.Preferences is { } p && (p.Phone is not null || p.Email is not null || p.SmsRules is { Count: > 0 } || p.Channels.Any(c => c != Channel.InApp))
            ? [new RecipientContactsErased(command.UserId, command.At)]
            : [];

    /// <summary>A caseworker enters the directory with their first case; later cases do not touch their entry.</summary>
    public static IReadOnlyList<object> Decide(Recipient? state, AssignCase command) =>
        state is null ? [new CaseworkerEnteredDirectory(command.CaseworkerId, command.StationId)] : [];

    /// <summary>The case is answered for by the caseworker named last; the same again changes nothing.</summary>
    public static IReadOnlyList<object> Decide(CaseResponsibility? state, AssignCase command) =>
        state is not null && state.CaseworkerId == command.CaseworkerId && state.StationId == command.StationId
            ? []
            : [new CaseResponsibilityTaken(command.CaseId, command.CaseworkerId, command.StationId)];

    /// <summary>
    /// A volunteer (or a supervisor) enters once; a caseworker who also volunteers keeps their
    /// caseload. Once the roster speaks for a person, a sign-in no longer moves them.
    /// </summary>
    public static IReadOnlyList<object> Decide(Recipient? state, EnterStaff command) =>
        state is null || (!state.FollowsRoster && command.Kind == RecipientKind.Supervisor
                          && (state.Kind != RecipientKind.Supervisor || state.StationId != command.StationId))
            ? [new StaffEnteredDirectory(command.UserId, command.Kind, command.StationId)]
            : [];

    /// <summary>The roster's post, as it is now; the same post again, or leaving twice, changes nothing.</summary>
    public static IReadOnlyList<object> Decide(Recipient? state, FollowRoster command)
    {
        if (state is { FollowsRoster: true } && command.RosterVersion > 0 && command.RosterVersion <= state.RosterVersion) return [];
        if (command.Kind is not { } kind)
            return state is null || (state.FollowsRoster && state.StationId == Guid.Empty && state.DistrictCode is null)
                ? []
                : [new RosterPostLeft(command.UserId, command.RosterVersion)];
        var district = command.DistrictCode ?? "";
        return state is { FollowsRoster: true } && state.Kind == kind && state.StationId == command.StationId && state.DistrictCode == district
            ? []
            : [new RosterPostTaken(command.UserId, kind, command.StationId, district, command.RosterVersion)];
    }

    public static IReadOnlyList<object> Decide(Recipient? state, EnterProvider command) =>
        state is null ? [new ProviderEnteredDirectory(command.ProviderId, command.Name)] : [];

    /// <summary>
    /// Setting preferences also enters the person when the directory does not know them yet —
    /// and is how station supervisors become known (escalations go to them).
    /// </summary>
    public static IReadOnlyList<object> Decide(Recipient? state, SetPreferences command)
    {
        var events = new List<object>(Decide(state, new EnterStaff(command.UserId, command.Kind, command.StationId)));
        if (state?.Preferences is { } current && SamePreferences(current, command.Preferences)) return events;
        events.Add(new PreferencesSet(command.UserId, command.Preferences));
        return events;
    }

    private static bool SamePreferences(Preferences a, Preferences b) =>
        a.Channels.SequenceEqual(b.Channels) && (a.SmsRules ?? []).SequenceEqual(b.SmsRules ?? [])
        && a with { Channels = b.Channels, SmsRules = b.SmsRules } == b;
}
