using FiveSocieties.BuildingBlocks.Domain;

namespace FiveSocieties.Notifications.Alarms;

/// <summary>Raise an alarm with whom its rule reached (level 0) and when the chain's next level is due.</summary>
public sealed record RaiseAlarm(
    Guid AlarmId, string Rule, Guid SourceEventId, Guid? StationId, Guid? CaseId, IReadOnlyDictionary<string, string> Parameters,
    AlarmAudience FirstAudience, IReadOnlyList<Guid> FirstRecipients, TimeSpan? NextLevelAfter, DateTimeOffset At);

/// <summary>One level of the chain as it stands now: whom it goes to, its wait after the level before, who is on it.</summary>
public sealed record LevelNow(AlarmAudience Audience, TimeSpan After, IReadOnlyList<Guid> Recipients);

/// <summary>Move a due alarm up its chain; <see cref="Levels"/> is the whole chain, level 0 first.</summary>
public sealed record AdvanceAlarm(IReadOnlyList<LevelNow> Levels, DateTimeOffset At);

public sealed record AcknowledgeAlarm(Guid By, DateTimeOffset At);

/// <summary>
/// How an urgent alarm climbs its escalation chain (pure: the sweep resolves who is on each level
/// and hands it in). Never to nobody: an empty level passes straight on; a chain that reached
/// nobody leaves the alarm Unreached — open, never escalated — and the sweep keeps looking.
/// </summary>
public static class AlarmDecider
{
    public static IReadOnlyList<object> Decide(Alarm? state, RaiseAlarm c)
    {
        if (state is not null) return [];
        var raised = new AlarmRaised(c.AlarmId, c.Rule, c.SourceEventId, c.StationId, c.CaseId, c.Parameters, c.At)
        {
            FirstAudience = c.FirstAudience, FirstRecipients = c.FirstRecipients,
        };
        var first = c.FirstRecipients.Distinct().ToList();
        // Level 0 with nobody on it (a station without supervisors): due at once, the sweep passes it on.
        return first.Count == 0
            ? [raised, new AlarmLevelPassed(0, c.FirstAudience, c.At)]
            : [raised, new AlarmLevelReached(0, c.FirstAudience, first, c.At, c.At + c.NextLevelAfter)];
    }

    public static IReadOnlyList<object> Decide(Alarm? state, AdvanceAlarm c)
    {
        var alarm = state ?? throw new RecordNotFound("Alarm", "unknown");
        if (!alarm.IsOpen) return [];
        // Waiting for people: the chain ran out of levels with somebody on them. Only someone new
        // on a level above the last one reached moves it; nothing is written until then.
        var waitingForPeople = alarm.AwaitingPeople;
        if (!waitingForPeople && !(alarm.NextStepAt is { } due && due <= c.At)) return [];

        var told = alarm.Recipients.ToHashSet();
        var events = new List<object>();
        for (var level = waitingForPeople ? alarm.HighestLevelReached + 1 : alarm.Level + 1; level < c.Levels.Count; level++)
        {
            var fresh = c.Levels[level].Recipients.Where(r => !told.Contains(r)).Distinct().ToList();
            if (fresh.Count == 0)
            {
                if (!waitingForPeople) events.Add(new AlarmLevelPassed(level, c.Levels[level].Audience, c.At));
                continue;
            }
            DateTimeOffset? nextLevelAt = level + 1 < c.Levels.Count ? c.At + c.Levels[level + 1].After : null;
            events.Add(new AlarmLevelReached(level, c.Levels[level].Audience, fresh, c.At, nextLevelAt));
            return events;
        }
        if (waitingForPeople) return [];
        events.Add(alarm.HasReachedAnyone ? new AlarmChainEnded(c.At) : new AlarmUnreached(c.At));
        return events;
    }

    /// <summary>Anyone it reached may take it on; the level recorded is the highest they were told at.</summary>
    public static IReadOnlyList<object> Decide(Alarm? state, AcknowledgeAlarm c)
    {
        var alarm = state ?? throw new RecordNotFound("Alarm", "unknown");
        if (!alarm.IsOpen) return [];
        var level = alarm.Reached.Where(s => s.Recipients.Contains(c.By)).Select(s => s.Level).DefaultIfEmpty(alarm.HighestLevelReached).Max();
        return [new AlarmAcknowledged(c.By, level, c.At)];
    }
}
