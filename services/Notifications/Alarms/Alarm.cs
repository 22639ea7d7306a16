using FiveSocieties.BuildingBlocks.Domain;

namespace FiveSocieties.Notifications.Alarms;

/// <summary>A level the alarm went to, and whom it reached there.</summary>
public sealed record AlarmStep(int Level, AlarmAudience Audience, IReadOnlyList<Guid> Recipients, DateTimeOffset At);

/// <summary>
/// An urgent alarm as its events made it, kept inline: the dashboards' list of open alarms and
/// the escalation sweep's work list (<see cref="NextStepAt"/>). Its id follows from the source
/// event and the rule, so a repeated source event raises nothing twice.
/// </summary>
public sealed record Alarm(
    Guid Id,
    string Rule,
    Guid SourceEventId,
    Guid? StationId,
    Guid? CaseId,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset RaisedAt,
    AlarmAudience FirstAudience,
    IReadOnlyList<Guid> FirstRecipients,
    int Level,
    IReadOnlyList<AlarmStep> Reached,
    DateTimeOffset? NextStepAt,
    bool AwaitingPeople,
    DateTimeOffset? UnreachedSince,
    DateTimeOffset? AcknowledgedAt,
    Guid? AcknowledgedBy,
    int? AcknowledgedLevel,
    long Version)
{
    /// <summary>Whether anyone has been told of it yet.</summary>
    public bool HasReachedAnyone => Reached.Count > 0;

    public bool IsOpen => AcknowledgedAt is null;

    /// <summary>Open, and nobody has been told: the alarm the dashboards must show first.</summary>
    public bool IsUnreached => IsOpen && !HasReachedAnyone;

    public int HighestLevelReached => Reached.Count == 0 ? -1 : Reached.Max(s => s.Level);

    /// <summary>Everyone it reached, on any level: whoever of them acknowledges stops the chain.</summary>
    public IEnumerable<Guid> Recipients => Reached.SelectMany(s => s.Recipients);

    public static Alarm Create(AlarmRaised e) =>
        new(e.AlarmId, e.Rule, e.SourceEventId, e.StationId, e.CaseId, e.Parameters,
            e.RaisedAt, e.FirstAudience, e.FirstRecipients, -1, [], e.RaisedAt.ToUniversalTime(), false, null, null, null,
            null, 1);

    public Alarm Apply(AlarmLevelReached e) => this with
    {
        Level = e.Level,
        Reached = [.. Reached, new AlarmStep(e.Level, e.Audience, e.Recipients, e.At)],
        NextStepAt = e.NextLevelAt?.ToUniversalTime(),
        AwaitingPeople = false,
        UnreachedSince = null,
    };

    public Alarm Apply(AlarmLevelPassed e) => this with { Level = e.Level };

    public Alarm Apply(AlarmUnreached e) => this with
    {
        NextStepAt = null, AwaitingPeople = true, UnreachedSince = e.At,
    };

    public Alarm Apply(AlarmChainEnded e) => this with { NextStepAt = null, AwaitingPeople = true };

    public Alarm Apply(AlarmAcknowledged e) => this with
    {
        AcknowledgedAt = e.At, AcknowledgedBy = e.By, AcknowledgedLevel = e.Level, NextStepAt = null, AwaitingPeople = false,
    };
}

/// <summary>An alarm's id: one per (source event, rule).</summary>
public static class AlarmIds
{
    // Fixed namespaces: changing either would let a redelivered source event raise a second alarm.
    private static readonly Guid Namespace = new("a1a2b3c4-d5e6-5f70-8192-a3b4c5d6e7f8");
    private static readonly Guid LevelNamespace = new("b2c3d4e5-f6a7-5b8c-9d0e-1f2a3b4c5d6e");

    public static Guid For(Guid sourceEventId, string rule) => NameBasedGuid.Create(Namespace, $"{sourceEventId:N}|{rule}");

    /// <summary>The source of the notifications of an escalation level, so each level's are created once.</summary>
    public static Guid LevelSource(Guid alarmId, int level) => NameBasedGuid.Create(LevelNamespace, $"{alarmId:N}|{level}");
}
