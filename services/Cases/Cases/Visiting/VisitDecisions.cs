// Home visit (入户探访): who went, when, what they saw, and whether it worries them.
using FiveSocieties.BuildingBlocks.Domain;

namespace FiveSocieties.Cases.Cases;

/// <summary>Who made a visit: the station's caseworker, or (reported by Volunteers) a volunteer.</summary>
public enum VisitorRole { Caseworker, Volunteer }

/// <summary>Observations are case notes: they never leave the Cases service.</summary>
public sealed record VisitRecorded(
    Guid CaseId, Guid VisitId, DateTimeOffset VisitedAt, string Observations, bool ConcernsRaised,
    Guid VisitedBy, VisitorRole VisitorRole, DateTimeOffset RecordedAt);

public sealed record CaseVisit(
    Guid Id, DateTimeOffset VisitedAt, string Observations, bool ConcernsRaised, Guid VisitedBy, VisitorRole VisitorRole);

public sealed record RecordVisit(
    Guid CaseId, Guid VisitId, DateTimeOffset VisitedAt, string Observations, bool ConcernsRaised,
    Guid VisitedBy, VisitorRole VisitorRole, DateTimeOffset At);

public static partial class CaseDecider
{
    // Phones and tablets in the field run a little ahead now and then; a visit "just now" must not be refused.
    public static readonly TimeSpan VisitClockTolerance = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<object> Decide(Case state, RecordVisit command)
    {
        if (state.Visits.FirstOrDefault(v => v.Id == command.VisitId) is { } existing)
            return existing.VisitedAt == command.VisitedAt && existing.Observations == command.Observations
                && existing.ConcernsRaised == command.ConcernsRaised
                ? []
                : throw new DomainRuleViolation("visit.id-taken", $"Visit {command.VisitId} already exists with other details.");
        if (state.Status == CaseStatus.Closed)
            throw new DomainRuleViolation("visit.case-closed", "A visit cannot be recorded on a closed case; reopen it first.");
        if (command.VisitedAt > command.At + VisitClockTolerance)
            throw new DomainRuleViolation("visit.in-future", "A visit is recorded after it happened; the visit time is in the future.");
        return
        [
            new VisitRecorded(state.Id, command.VisitId, command.VisitedAt, command.Observations, command.ConcernsRaised,
                command.VisitedBy, command.VisitorRole, command.At),
        ];
    }
}
