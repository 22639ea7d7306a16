using FiveSocieties.Cases.Cases;

namespace FiveSocieties.Cases.Reports;

/// <summary>
/// A count of a case's services of one kind (and detail: visitor, referral stage …) in the month,
/// and whether the client's valid consents include <c>Reporting</c> when the ledger is read.
/// </summary>
public sealed record LedgerCount(Guid? CaseId, string? ClientGroup, string Kind, string? Detail, int N, bool Reporting = false);

/// <summary>
/// The services one client received in the month: ids and counts, never a name. A client who has
/// not consented to <c>Reporting</c> (<see cref="ReportingConsent"/> false) is counted in a file
/// that leaves the station, but anonymously: without the case id.
/// </summary>
public sealed record LedgerClientRow(
    Guid CaseId, string ClientGroup, int CaseworkerVisits, int VolunteerVisits, int MealsDelivered, int MealsMissed, int MealsSkipped,
    int ActivitiesAttended, int ReferralsAccepted, int ReferralsCompleted, int NeedsRaised, bool ReportingConsent);

/// <summary>The station's month in totals. Referrals count each stage reached in the month, by stage.</summary>
public sealed record LedgerTotals(
    int ClientsServed, int CaseworkerVisits, int VolunteerVisits, int MealsDelivered, int MealsMissed, int MealsSkipped,
    int ActivitiesHeld, int ActivityAttendances, IReadOnlyDictionary<string, int> ReferralsByStage, int NeedsRaised, int NeedsMatched,
    int ClientsWithoutReportingConsent);

/// <summary>
/// 服务台账: a station's month — services delivered per client, visits, meals delivered, missed
/// and skipped, activities and attendance, referrals by stage. <see cref="Clients"/> lists the
/// clients (by case id) only for the station's own staff; everyone else reads the totals.
/// </summary>
public sealed record StationLedger(
    Guid StationId, string StationName, string Month, DateOnly FirstDay, DateOnly LastDay, DateTimeOffset AsOf, LedgerTotals Totals,
    bool ListsClients, IReadOnlyList<LedgerClientRow> Clients)
{
    /// <summary>A client counts as served in the month when a service reached them: a visit, a meal, an activity or a referral's care.</summary>
    private static readonly HashSet<string> Served = [ServiceKinds.Visit, ServiceKinds.MealDelivered, ServiceKinds.Activity];

    /// <summary>Folds the counts PostgreSQL grouped (<see cref="LedgerQueries"/>) into rows and totals.</summary>
    public static StationLedger Of(
        Guid stationId, string stationName, string month, DateOnly firstDay, DateOnly lastDay, DateTimeOffset asOf, IReadOnlyList<LedgerCount> counts,
        bool listsClients)
    {
        var perCase = counts.Where(c => c.CaseId is not null).GroupBy(c => (c.CaseId!.Value, c.ClientGroup ?? "", c.Reporting));
        var rows = perCase.Select(g => new LedgerClientRow(
                g.Key.Value, g.Key.Item2,
                Sum(g, ServiceKinds.Visit, nameof(VisitorRole.Caseworker)),
                Sum(g, ServiceKinds.Visit, nameof(VisitorRole.Volunteer)),
                Sum(g, ServiceKinds.MealDelivered), Sum(g, ServiceKinds.MealMissed), Sum(g, ServiceKinds.MealSkipped),
                Sum(g, ServiceKinds.Activity),
                Sum(g, ServiceKinds.Referral, nameof(ReferralStage.Accepted)),
                Sum(g, ServiceKinds.Referral, nameof(ReferralStage.Completed)),
                Sum(g, ServiceKinds.NeedRaised), g.Key.Reporting))
            .OrderBy(r => r.CaseId)
            .ToList();
        var served = counts.Where(c => c.CaseId is not null && (Served.Contains(c.Kind)
                || c is { Kind: ServiceKinds.Referral, Detail: nameof(ReferralStage.Accepted) or nameof(ReferralStage.Completed) }))
            .Select(c => c.CaseId).Distinct().Count();
        var byStage = Enum.GetNames<ReferralStage>().ToDictionary(
            s => s, s => counts.Where(c => c.CaseId is not null && c.Kind == ServiceKinds.Referral && c.Detail == s).Sum(c => c.N),
            StringComparer.Ordinal);
        var totals = new LedgerTotals(
            served, rows.Sum(r => r.CaseworkerVisits), rows.Sum(r => r.VolunteerVisits), rows.Sum(r => r.MealsDelivered),
            rows.Sum(r => r.MealsMissed), rows.Sum(r => r.MealsSkipped),
            counts.Where(c => c.CaseId is null && c.Kind == LedgerQueries.ActivitiesHeld).Sum(c => c.N),
            rows.Sum(r => r.ActivitiesAttended), byStage, rows.Sum(r => r.NeedsRaised),
            counts.Where(c => c.CaseId is not null && c.Kind == ServiceKinds.NeedMatched).Sum(c => c.N),
            rows.Count(r => !r.ReportingConsent));
        return new StationLedger(stationId, stationName, month, firstDay, lastDay, asOf, totals, listsClients, listsClients ? rows : []);
    }

    private static int Sum(IEnumerable<LedgerCount> counts, string kind, string? detail = null) =>
        counts.Where(c => c.Kind == kind && (detail is null || c.Detail == detail)).Sum(c => c.N);
}
