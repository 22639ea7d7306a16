namespace FiveSocieties.Cases.Cases;

/// <summary>
/// When the next home visit is due, from the case as its events made it. Pure, so GET /cases/{id}
/// and the read models (caseload, overdue visits, situation map) compute it the same way; the
/// clock is the caller's, and "overdue" is never stored: it changes with time, not with events.
/// </summary>
public static class VisitSchedule
{
    /// <summary>
    /// The last visit, or the plan's adoption when there was no visit since, plus the adopted
    /// plan's visit frequency. A visit before the plan was adopted does not start its rhythm:
    /// the plan does. Null when no plan is in force (no plan adopted, or the case not Active).
    /// </summary>
    public static DateTimeOffset? NextVisitDue(Case state)
    {
        if (state.Status != CaseStatus.Active || state.AdoptedPlan is not { AdoptedAt: { } adoptedAt } plan) return null;
        var from = state.LastVisitAt is { } last && last > adoptedAt ? last : adoptedAt;
        return plan.VisitFrequency switch
        {
            VisitFrequency.Weekly => from.AddDays(7),
            VisitFrequency.Fortnightly => from.AddDays(14),
            VisitFrequency.Monthly => from.AddMonths(1),
            VisitFrequency.Quarterly => from.AddMonths(3),
            _ => throw new ArgumentOutOfRangeException(nameof(state), plan.VisitFrequency, "Unknown visit frequency."),
        };
    }

    public static bool IsOverdue(Case state, DateTimeOffset now) => NextVisitDue(state) is { } due && now > due;
}
