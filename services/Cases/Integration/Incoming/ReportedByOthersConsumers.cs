// Contracts from Matching and Volunteers → commands on the case. Each consumer appends through
// the case decider in the inbox's session, so a redelivered message changes nothing twice.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Cases.Auditing;
using FiveSocieties.Cases.Cases;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Integration.Incoming;

/// <summary>
/// The common part: decide on the case named by the message. By group commit: each decides on its
/// own case's stream, and two messages on one case go into successive groups.
/// </summary>
public abstract class CaseReportConsumer<TMessage>(IDocumentStore store) : InboxConsumer<TMessage>(store) where TMessage : class
{
    protected override bool CommitsByGroup => true;
    protected override IEnumerable<Guid> StreamsOf(TMessage message) => [CaseOf(message)];
    protected abstract Guid CaseOf(TMessage message);
    protected abstract IReadOnlyList<object> Decide(Case state, TMessage message);

    protected override async Task HandleAsync(TMessage message, IDocumentSession session, ConsumeContext<TMessage> context)
    {
        var caseId = CaseOf(message);
        await session.DecideAsync<Case>(caseId, state => Decide(state ?? throw new RecordNotFound("Case", caseId), message),
            context.CancellationToken);
    }
}

/// <summary>What every referral message from Matching says about the case, whichever its stage.</summary>
public sealed record ReferralFacts(DateTimeOffset At, Guid Referral, Guid Need, Guid Case, Guid Offer, Guid Provider);

public abstract class ReferralConsumer<TMessage>(IDocumentStore store, ReferralStage stage) : CaseReportConsumer<TMessage>(store)
    where TMessage : class
{
    protected abstract ReferralFacts Facts(TMessage m);
    protected override Guid CaseOf(TMessage message) => Facts(message).Case;

    protected override IReadOnlyList<object> Decide(Case state, TMessage message)
    {
        var f = Facts(message);
        var cancelled = message as V1.ReferralCancelled;
        return CaseDecider.Decide(state, new ReportReferral(
            new ReferralReported(f.Case, f.Need, f.Referral, stage, f.Provider, f.Offer, f.At, (message as V1.ReferralCompleted)?.Outcome,
                cancelled?.Cause, cancelled?.CancelledAt)));
    }
}

public sealed class ReferralProposedConsumer(IDocumentStore store) : ReferralConsumer<V1.ReferralProposed>(store, ReferralStage.Proposed)
{
    protected override ReferralFacts Facts(V1.ReferralProposed m) =>
        new(m.OccurredAt, m.ReferralId, m.NeedId, m.CaseId, m.OfferId, m.ProviderId);
}

public sealed class ReferralApprovedConsumer(IDocumentStore store) : ReferralConsumer<V1.ReferralApproved>(store, ReferralStage.Approved)
{
    protected override ReferralFacts Facts(V1.ReferralApproved m) =>
        new(m.OccurredAt, m.ReferralId, m.NeedId, m.CaseId, m.OfferId, m.ProviderId);
}

public sealed class ReferralAcceptedConsumer(IDocumentStore store) : ReferralConsumer<V1.ReferralAccepted>(store, ReferralStage.Accepted)
{
    protected override ReferralFacts Facts(V1.ReferralAccepted m) =>
        new(m.OccurredAt, m.ReferralId, m.NeedId, m.CaseId, m.OfferId, m.ProviderId);
}

public sealed class ReferralDeclinedConsumer(IDocumentStore store) : ReferralConsumer<V1.ReferralDeclined>(store, ReferralStage.Declined)
{
    protected override ReferralFacts Facts(V1.ReferralDeclined m) =>
        new(m.OccurredAt, m.ReferralId, m.NeedId, m.CaseId, m.OfferId, m.ProviderId);
}

public sealed class ReferralExpiredConsumer(IDocumentStore store) : ReferralConsumer<V1.ReferralExpired>(store, ReferralStage.Expired)
{
    protected override ReferralFacts Facts(V1.ReferralExpired m) =>
        new(m.OccurredAt, m.ReferralId, m.NeedId, m.CaseId, m.OfferId, m.ProviderId);
}

public sealed class ReferralCompletedConsumer(IDocumentStore store) : ReferralConsumer<V1.ReferralCompleted>(store, ReferralStage.Completed)
{
    protected override ReferralFacts Facts(V1.ReferralCompleted m) =>
        new(m.OccurredAt, m.ReferralId, m.NeedId, m.CaseId, m.OfferId, m.ProviderId);
}

public sealed class ReferralCancelledConsumer(IDocumentStore store) : ReferralConsumer<V1.ReferralCancelled>(store, ReferralStage.Cancelled)
{
    protected override ReferralFacts Facts(V1.ReferralCancelled m) =>
        new(m.OccurredAt, m.ReferralId, m.NeedId, m.CaseId, m.OfferId, m.ProviderId);
}

public sealed class DeliveryCompletedConsumer(IDocumentStore store) : CaseReportConsumer<V1.DeliveryCompleted>(store)
{
    protected override Guid CaseOf(V1.DeliveryCompleted m) => m.CaseId;

    protected override IReadOnlyList<object> Decide(Case state, V1.DeliveryCompleted m) =>
        CaseDecider.Decide(state, new ReportDeliveryCompleted(
            new DeliveryCompletedReported(m.CaseId, m.DeliveryId, m.VolunteerId, m.Date, m.Wellbeing, m.ConcernNote, m.OccurredAt)));
}

public sealed class DeliveryMissedConsumer(IDocumentStore store) : CaseReportConsumer<V1.DeliveryMissed>(store)
{
    protected override Guid CaseOf(V1.DeliveryMissed m) => m.CaseId;

    protected override IReadOnlyList<object> Decide(Case state, V1.DeliveryMissed m) =>
        CaseDecider.Decide(state, new ReportDeliveryMissed(m.CaseId, m.DeliveryId, m.VolunteerId, m.Date, m.Reason, m.LivesAlone, m.OccurredAt));
}

public sealed class DeliverySkippedConsumer(IDocumentStore store) : CaseReportConsumer<V1.DeliverySkippedByRecipient>(store)
{
    protected override Guid CaseOf(V1.DeliverySkippedByRecipient m) => m.CaseId;

    protected override IReadOnlyList<object> Decide(Case state, V1.DeliverySkippedByRecipient m) =>
        CaseDecider.Decide(state, new ReportDeliverySkipped(m.CaseId, m.TaskId, m.Date, m.OccurredAt));
}

public sealed class VisitCompletedConsumer(IDocumentStore store) : CaseReportConsumer<V1.VisitCompleted>(store)
{
    protected override Guid CaseOf(V1.VisitCompleted m) => m.CaseId;

    protected override IReadOnlyList<object> Decide(Case state, V1.VisitCompleted m) =>
        CaseDecider.Decide(state, new ReportVolunteerVisit(new VisitRecorded(m.CaseId, m.VisitTaskId, m.OccurredAt,
            m.ConcernNote ?? "", m.Wellbeing == V1.Wellbeing.Concern, m.VolunteerId, VisitorRole.Volunteer, m.OccurredAt)));
}

/// <summary>
/// A volunteer's task or the coordinator's list of meal enrolments showed the client's name,
/// address and phone, or the dispatch map their home's place (Volunteers): a read of the client's personal data like any other, on the
/// case's access audit and the station's. The inbox's session appends it, so a redelivered
/// message is audited once; by group commit, as a day map's read brings one per household at once.
/// </summary>
public sealed class RecipientDetailsShownConsumer(IDocumentStore store) : InboxConsumer<V1.RecipientDetailsShown>(store)
{
    public const string What = "volunteer-task";
    protected override bool CommitsByGroup => true;

    protected override Task HandleAsync(V1.RecipientDetailsShown m, IDocumentSession session, ConsumeContext<V1.RecipientDetailsShown> context)
    {
        session.Events.Append(CaseFileAccess.AuditStreamOf(m.CaseId),
            new CaseFileRead(m.CaseId, m.StationId, m.ReaderId, m.ReaderRoles, m.StationId, m.Where ?? What, null, m.OccurredAt));
        return Task.CompletedTask;
    }
}

/// <summary>
/// A volunteer's own data was read in Volunteers: on the station's access audit, with the reads of
/// its clients' files. The inbox's session appends it, so a redelivered message is audited once;
/// by group commit.
/// </summary>
public sealed class VolunteerRecordReadConsumer(IDocumentStore store) : InboxConsumer<V1.VolunteerRecordRead>(store)
{
    protected override bool CommitsByGroup => true;
    protected override Task HandleAsync(V1.VolunteerRecordRead m, IDocumentSession session, ConsumeContext<V1.VolunteerRecordRead> context)
    {
        session.Events.Append(CaseFileAccess.AuditStreamOf(m.StationId),
            new VolunteerDataRead(m.StationId, m.VolunteerId, m.What, m.Shown, m.ReaderId, m.ReaderRoles, m.OccurredAt));
        return Task.CompletedTask;
    }
}

public static class IncomingConsumers
{
    public static void AddCasesConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ReferralProposedConsumer>();
        bus.AddConsumer<ReferralApprovedConsumer>();
        bus.AddConsumer<ReferralAcceptedConsumer>();
        bus.AddConsumer<ReferralDeclinedConsumer>();
        bus.AddConsumer<ReferralExpiredConsumer>();
        bus.AddConsumer<ReferralCompletedConsumer>();
        bus.AddConsumer<ReferralCancelledConsumer>();
        bus.AddConsumer<DeliveryCompletedConsumer>();
        bus.AddConsumer<DeliveryMissedConsumer>();
        bus.AddConsumer<DeliverySkippedConsumer>();
        bus.AddConsumer<VisitCompletedConsumer>();
        bus.AddConsumer<RecipientDetailsShownConsumer>();
        bus.AddConsumer<VolunteerRecordReadConsumer>();
        bus.AddConsumer<ProviderRegisteredConsumer>();
    }
}
