// 服务台账的底账: one row per service a client received, as the case's events tell it, so a month's
// ledger and the district's statistics count rows instead of replaying every case.
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Cases.Cases;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace FiveSocieties.Cases.Reports;

/// <summary>
/// Read model: a service a case received, keyed by its event. <see cref="Day"/> is the local date
/// it counts on (the meal's or the activity's own date, otherwise the instant's date in the
/// station's calendar) and <see cref="Month"/> its yyyy-MM. <see cref="Subject"/> is the delivery,
/// visit, activity, referral or need, so a repeated report of the same thing counts once.
/// Disposable: the case streams rebuild it.
/// </summary>
public sealed record ServiceRecord(
    Guid Id, Guid CaseId, string Kind, string Day, string Month, DateTimeOffset At, Guid Subject, string? Detail = null);

/// <summary>The kinds of <see cref="ServiceRecord"/>, as the ledger's SQL names them.</summary>
public static class ServiceKinds
{
    public const string Visit = "visit";
    public const string MealDelivered = "meal-delivered";
    public const string MealMissed = "meal-missed";
    public const string MealSkipped = "meal-skipped";
    public const string Activity = "activity";
    public const string Referral = "referral";
    public const string NeedRaised = "need-raised";
    public const string NeedMatched = "need-matched";
}

public sealed partial class ServiceRecordProjection(LocalCalendar calendar) : EventProjection
{
    public void Project(IEvent<VisitRecorded> e, IDocumentOperations operations) =>
        Store(operations, e, e.Data.CaseId, ServiceKinds.Visit, Local(e.Data.VisitedAt), e.Data.VisitedAt, e.Data.VisitId,
            e.Data.VisitorRole.ToString());

    public void Project(IEvent<DeliveryCompletedReported> e, IDocumentOperations operations) =>
        Store(operations, e, e.Data.CaseId, ServiceKinds.MealDelivered, e.Data.Date, e.Data.CompletedAt, e.Data.DeliveryId);

    public void Project(IEvent<DeliveryMissedReported> e, IDocumentOperations operations) =>
        Store(operations, e, e.Data.CaseId, ServiceKinds.MealMissed, e.Data.Date, e.Data.MissedAt, e.Data.DeliveryId,
            e.Data.Reason.ToString());

    public void Project(IEvent<DeliverySkippedReported> e, IDocumentOperations operations) =>
        Store(operations, e, e.Data.CaseId, ServiceKinds.MealSkipped, e.Data.Date, e.Data.SkippedAt, e.Data.DeliveryId);

    public void Project(IEvent<ActivityAttended> e, IDocumentOperations operations) =>
        Store(operations, e, e.Data.CaseId, ServiceKinds.Activity, e.Data.AttendedOn, e.Data.RecordedAt, e.Data.ActivityId,
            e.Data.ActivityKind.ToString());

    public void Project(IEvent<ReferralReported> e, IDocumentOperations operations) =>
        Store(operations, e, e.Data.CaseId, ServiceKinds.Referral, Local(e.Data.OccurredAt), e.Data.OccurredAt, e.Data.ReferralId,
            e.Data.Stage.ToString());

    public void Project(IEvent<NeedRaised> e, IDocumentOperations operations) =>
        Store(operations, e, e.Data.CaseId, ServiceKinds.NeedRaised, Local(e.Data.RaisedAt), e.Data.RaisedAt, e.Data.NeedId,
            e.Data.Category.ToString());

    public void Project(IEvent<NeedMatched> e, IDocumentOperations operations) =>
        Store(operations, e, e.Data.CaseId, ServiceKinds.NeedMatched, Local(e.Data.MatchedAt), e.Data.MatchedAt, e.Data.NeedId);

    private DateOnly Local(DateTimeOffset at) => calendar.Today(at);

    private static void Store(IDocumentOperations operations, IEvent e, Guid caseId, string kind, DateOnly day, DateTimeOffset at,
        Guid subject, string? detail = null) =>
        operations.Store(new ServiceRecord(e.Id, caseId, kind, day.ToString("yyyy-MM-dd"), day.ToString("yyyy-MM"), at.ToUniversalTime(),
            subject, detail));
}

public static class ServiceRecords
{
    public static StoreOptions AddServiceRecords(this StoreOptions store, LocalCalendar calendar)
    {
        // Inline: a visit recorded is in the month's ledger as soon as it is saved.
        store.Projections.Add(new ServiceRecordProjection(calendar), ProjectionLifecycle.Inline);
        store.Schema.For<ServiceRecord>().Duplicate(r => r.CaseId).Duplicate(r => r.Month).Duplicate(r => r.Kind).Duplicate(r => r.At);
        return store;
    }

    internal static string ServiceRecordTable(this IQuerySession session) => session.DocumentStore.Options.Schema.For<ServiceRecord>();
}
