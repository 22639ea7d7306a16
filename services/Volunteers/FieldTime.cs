using FiveSocieties.BuildingBlocks.Domain;

namespace FiveSocieties.Volunteers;

/// <summary>
/// When a volunteer's action happened on the phone and when it reached us. The phone queues what is
/// done without signal and replays it later, so its events keep both times; only a bounded past is
/// believed, and a phone clock a little ahead of ours is taken as now.
/// </summary>
public sealed record FieldTime(DateTimeOffset OccurredAt, DateTimeOffset RecordedAt)
{
    public static FieldTime Resolve(DateTimeOffset? occurredAt, DateTimeOffset now, VolunteersSettings settings)
    {
        if (occurredAt is not { } at) return new FieldTime(now, now);
        if (at > now + settings.ClockSkew)
            throw new DomainRuleViolation("action.occurred-in-the-future", "An action cannot have happened in the future.", "occurredAt");
        if (at < now - settings.OfflineWindow)
            throw new DomainRuleViolation("action.occurred-too-long-ago",
                $"An action is accepted at most {(int)settings.OfflineWindow.TotalHours} hours after it happened.", "occurredAt");
        return new FieldTime(at < now ? at : now, now);
    }
}
