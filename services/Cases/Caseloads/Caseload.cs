using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;
using Marten;

namespace FiveSocieties.Cases.Caseloads;

/// <summary>
/// What the caseload needs of one case, read from the case table's columns (and the next visit due
/// from the document, to keep the offset it was recorded with) instead of the whole case file.
/// </summary>
public sealed record CaseloadRow(
    Guid CaseId, CaseStatus Status, ClientGroup ClientGroup, IReadOnlyList<ClientCategory> Categories, RiskLevel? RiskLevel,
    int? AbilityLevel, IReadOnlyList<NeedCategory> LiveNeedCategories, DateTimeOffset? NextVisitDue, bool SafetyCheckRequired,
    bool MealSkipsNoticed = false)
{
    /// <summary>The caseworker's cases that are not closed; within one station unless <paramref name="stationId"/> is null (admins).</summary>
    public static async Task<IReadOnlyList<CaseloadRow>> OfAsync(
        IQuerySession session, Guid caseworkerId, Guid? stationId, CancellationToken cancellationToken)
    {
        var sql = $"""
            select jsonb_build_object(
                'caseId', id, 'status', status, 'clientGroup', client_group, 'categories', category_names, 'riskLevel', risk_level,
                'abilityLevel', ability_level, 'liveNeedCategories', live_need_categories, 'nextVisitDue', data -> 'nextVisitDueAt',
                'safetyCheckRequired', safety_check_required, 'mealSkipsNoticed', meal_skips_noticed_at is not null)
            from {session.CaseTable()}
            where caseworker_id = ? and status <> 'Closed' and (? or station_id = ?)
            """;
        return await session.QueryAsync<CaseloadRow>(sql, cancellationToken, caseworkerId, stationId is null, stationId ?? Guid.Empty);
    }
}

/// <summary>One open or active case on a caseworker's list, with what makes it urgent.</summary>
public sealed record CaseloadEntry(
    Guid CaseId, CaseStatus Status, ClientGroup ClientGroup, IReadOnlyList<ClientCategory> Categories,
    RiskLevel? RiskLevel, int? AbilityLevel, int OpenNeeds, IReadOnlyList<NeedCategory> OpenNeedCategories,
    DateTimeOffset? NextVisitDue, bool VisitOverdue, bool SafetyCheckRequired = false, bool MealSkipsNoticed = false)
{
    public static CaseloadEntry From(CaseloadRow row, DateTimeOffset now) =>
        new(row.CaseId, row.Status, row.ClientGroup, row.Categories, row.RiskLevel, row.AbilityLevel,
            row.LiveNeedCategories.Count, row.LiveNeedCategories.Distinct().Order().ToList(),
            row.NextVisitDue, row.NextVisitDue is { } due && now > due, row.SafetyCheckRequired,
            row.MealSkipsNoticed);
}

public sealed record Caseload(Guid CaseworkerId, DateTimeOffset AsOf, IReadOnlyList<CaseloadEntry> Cases)
{
    /// <summary>The caseworker's open and active cases as of <paramref name="now"/>, most urgent first.</summary>
    public static Caseload Of(Guid caseworkerId, IEnumerable<CaseloadRow> cases, DateTimeOffset now) =>
        new(caseworkerId, now, MostUrgentFirst(cases.Where(c => c.Status != CaseStatus.Closed).Select(c => CaseloadEntry.From(c, now))));

    /// <summary>
    /// A safety check after a missed meal first (someone who lives alone may be in trouble), then
    /// overdue visits (someone is already waiting), then a run of meals the household said no to,
    /// then risk High → Low, then the visit
    /// due soonest. A case not yet assessed has no known risk and comes after Low: it shows
    /// riskLevel null, which tells the caseworker an assessment is what it needs. The case id
    /// breaks ties so the order is the same on every read.
    /// </summary>
    public static IReadOnlyList<CaseloadEntry> MostUrgentFirst(IEnumerable<CaseloadEntry> entries) =>
        entries.OrderByDescending(e => e.SafetyCheckRequired)
            .ThenByDescending(e => e.VisitOverdue)
            .ThenByDescending(e => e.MealSkipsNoticed)
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
