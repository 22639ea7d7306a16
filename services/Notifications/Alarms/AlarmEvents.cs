// An urgent alarm's life (DESIGN §6 "Who answers an alarm"): Raised with the rule's own audience
// as level 0 → each later level of its escalation chain Reached (or Passed when nobody is on it)
// → Acknowledged by anyone it reached, which ends the chain. A chain that reached nobody at all
// leaves the alarm Unreached: open, never escalated, and tried again.
namespace FiveSocieties.Notifications.Alarms;

/// <summary>Who a level of an escalation chain goes to. Level 0 is always the rule's own audience.</summary>
public enum AlarmAudience
{
    /// <summary>The people the rule itself addressed (the case's caseworker, a volunteer …).</summary>
    RuleAudience,
    /// <summary>The station's supervisors (督导/站长) on its roster.</summary>
    StationSupervisors,
    /// <summary>The station's coordinators (协调员) on its roster.</summary>
    StationCoordinators,
    /// <summary>The duty officers of the station's district (区县民政值班).</summary>
    DistrictOfficers,
}

public sealed record AlarmRaised(
    Guid AlarmId, string Rule, Guid SourceEventId, Guid? StationId, Guid? CaseId, IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset RaisedAt)
{
    /// <summary>Whom the rule addressed: named people, or a station's supervisors (who may be nobody).</summary>
    public AlarmAudience FirstAudience { get; init; }
    /// <summary>The people the rule named, so a retry from level 0 finds them again.</summary>
    public IReadOnlyList<Guid> FirstRecipients { get; init; } = [];
}

/// <summary>The alarm went to this level's people: a notification each. <see cref="NextLevelAt"/> is when the next level follows unless acknowledged.</summary>
public sealed record AlarmLevelReached(int Level, AlarmAudience Audience, IReadOnlyList<Guid> Recipients, DateTimeOffset At, DateTimeOffset? NextLevelAt);

/// <summary>Nobody is on this level (no supervisor on the roster, no district officer): the chain went straight on.</summary>
public sealed record AlarmLevelPassed(int Level, AlarmAudience Audience, DateTimeOffset At);

/// <summary>
/// Every level was empty: the alarm reached nobody. It stays open, on the dashboards, and is never
/// marked escalated; the sweep keeps looking for someone on its chain.
/// </summary>
public sealed record AlarmUnreached(DateTimeOffset At);

/// <summary>The levels above the last one reached were empty: the alarm waits open for an acknowledgement (and for someone to join those levels).</summary>
public sealed record AlarmChainEnded(DateTimeOffset At);

/// <summary>Someone the alarm reached took it on: the chain stops.</summary>
public sealed record AlarmAcknowledged(Guid By, int Level, DateTimeOffset At);
