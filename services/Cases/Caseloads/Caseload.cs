using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Caseloads;

/// <summary>One open or active case on a caseworker's list, with what makes it urgent.</summary>
public sealed record CaseloadEntry(
    Guid CaseId, CaseStatus Status, ClientGroup ClientGroup, IReadOnlyList<ClientCategory> Categories,
    RiskLevel? RiskLevel, int? AbilityLevel, int OpenNeeds, IReadOnlyList<NeedCategory> OpenNeedCategories,
    DateTimeOffset? NextVisitDue, bool VisitOverdue, bool SafetyCheckRequired = false)
{
    public static CaseloadEntry From(Case state, DateTimeOffset now)
    {
        var live = state.Needs.Where(n => n.IsLive).ToList();
        return new(state.Id, state.Status, state.ClientGroup, state.Categories, state.RiskLevel, state.AbilityLevel,
            live.Count, live.Select(n => n.Category).Distinct().Order().ToList(),
            VisitSchedule.NextVisitDue(state), VisitSchedule.IsOverdue(state, now), state.SafetyCheckRequired);
    }
}

public sealed record Caseload(Guid CaseworkerId, DateTimeOffset AsOf, IReadOnlyList<CaseloadEntry> Cases)
{
    /// <summary>The caseworker's open and active cases as of <paramref name="now"/>, most urgent first.</summary>
    public static Caseload Of(Guid caseworkerId, IEnumerable<Case> cases, DateTimeOffset now) =>
        new(caseworkerId, now, MostUrgentFirst(cases.Where(c => c.Status != CaseStatus.Closed).Select(c => CaseloadEntry.From(c, now))));

    /// <summary>
    /// A safety check after a missed meal first (someone who lives alone may be in trouble), then
    /// overdue visits (someone is already waiting), then risk High → Low, then the visit
    /// due soonest. A case not yet assessed has no known risk and comes after Low: it shows
    /// riskLevel null, which tells the caseworker an assessment is what it needs. The case id
    /// breaks ties so the order is the same on every read.
    /// </summary>
    public static IReadOnlyList<CaseloadEntry> MostUrgentFirst(IEnumerable<CaseloadEntry> entries) =>
        entries.OrderByDescending(e => e.SafetyCheckRequired)
            .ThenByDescending(e => e.VisitOverdue)
            .ThenBy(e => RiskRank(e.RiskLevel))
            .ThenBy(e => e.NextVisitDue ?? DateTimeOffset.MaxValue)
            .ThenBy(e => e.CaseId)
            .ToList();

    private static int RiskRank(RiskLevel? risk) => risk switch
    {
        FiveSocieties.Contracts.V1.RiskLevel.High => 0,
        FiveSocieties.Contracts.V1.RiskLevel.Medium => 1,
        FiveSocieties.Contracts.V1.RiskLevel.Low => 2,
        _ => 3,
    };
}
