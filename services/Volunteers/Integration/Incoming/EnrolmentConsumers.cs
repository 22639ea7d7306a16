// Meal enrolment from what the other services tell us: Matching's accepted referral and Cases'
// shared delivery details (either order), and every message that ends it.
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.Volunteers.Deliveries;
using FiveSocieties.Volunteers.Enrolments;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.Integration.Incoming;

public sealed class ReferralAcceptedConsumer(IDocumentStore store) : InboxConsumer<V1.ReferralAccepted>(store)
{
    protected override async Task HandleAsync(V1.ReferralAccepted m, IDocumentSession session, ConsumeContext<V1.ReferralAccepted> context)
    {
        if (m.Category != V1.NeedCategory.MealDelivery || m.Schedule is null) return;
        var canteen = m.ServicePoint is { } p ? new Position(p.Latitude, p.Longitude) : (Position?)null;
        var command = new EnrolFromReferral(m.CaseId, m.StationId, m.ReferralId, m.NeedId, m.ProviderId, m.ProviderName, canteen,
            m.Schedule.Days, m.Schedule.From, m.Schedule.To, m.OccurredAt);
        await session.DecideAsync<MealEnrolment>(MealEnrolment.IdFor(m.CaseId), s => EnrolmentDecider.Decide(s, command), context.CancellationToken);
    }
}

public sealed class DeliveryRecipientSharedConsumer(IDocumentStore store, IPersonalKeyStore keys, TimeProvider clock) : InboxConsumer<V1.DeliveryRecipientShared>(store)
{
    protected override async Task HandleAsync(V1.DeliveryRecipientShared m, IDocumentSession session, ConsumeContext<V1.DeliveryRecipientShared> context)
    {
        var now = clock.GetUtcNow();
        if (m.ValidUntil <= now) return; // consent lapsed on the way: keep nothing
        var details = new RecipientDetails(m.Name, m.Address, m.Phone, m.DietaryNotes,
            m.Position is { } p ? new Position(p.Latitude, p.Longitude) : null);
        if (await RecipientVault.SealAsync(keys, m.CaseId, details, context.CancellationToken) is not { } sealedDetails) return; // erased
        var command = new ShareRecipientDetails(m.CaseId, m.StationId, m.ConsentId, sealedDetails, m.LivesAlone, m.ValidUntil, now);
        var decision = await session.DecideAsync<MealEnrolment>(MealEnrolment.IdFor(m.CaseId), s => EnrolmentDecider.Decide(s, command),
            context.CancellationToken);
        // Refused (revoked meanwhile, say) and nothing else sealed with the key: it goes, as the details do.
        if (decision.ChangedNothing && (await session.LoadAsync<MealEnrolment>(MealEnrolment.IdFor(m.CaseId), context.CancellationToken))?.SealedDetails is null)
            await RecipientVault.ShredAsync(keys, m.CaseId, context.CancellationToken);
    }
}

public sealed class DeliveryRecipientRevokedConsumer(IDocumentStore store, IPersonalKeyStore keys, TimeProvider clock) : InboxConsumer<V1.DeliveryRecipientRevoked>(store)
{
    protected override Task HandleAsync(V1.DeliveryRecipientRevoked m, IDocumentSession session, ConsumeContext<V1.DeliveryRecipientRevoked> context) =>
        EnrolmentEnding.EndAsync(session, keys, new EndEnrolment(m.CaseId, m.Cause switch
        {
            V1.SharingRevocationCause.ConsentExpired => EnrolmentEndCause.ConsentExpired,
            V1.SharingRevocationCause.CaseClosed => EnrolmentEndCause.CaseClosed,
            V1.SharingRevocationCause.ClientDataErased => EnrolmentEndCause.ClientDataErased,
            _ => EnrolmentEndCause.ConsentWithdrawn,
        }, null, null, clock.GetUtcNow(), m.ConsentId), context.CancellationToken);
}

public sealed class HouseholdSmsContactAllowedConsumer(IDocumentStore store, TimeProvider clock) : InboxConsumer<V1.HouseholdSmsContactAllowed>(store)
{
    protected override Task HandleAsync(V1.HouseholdSmsContactAllowed m, IDocumentSession session, ConsumeContext<V1.HouseholdSmsContactAllowed> context) =>
        session.DecideAsync<MealEnrolment>(MealEnrolment.IdFor(m.CaseId),
            s => EnrolmentDecider.Decide(s, new GrantSmsContact(m.CaseId, m.ConsentId, m.ValidUntil, clock.GetUtcNow())), context.CancellationToken);
}

public sealed class HouseholdSmsContactEndedConsumer(IDocumentStore store, TimeProvider clock) : InboxConsumer<V1.HouseholdSmsContactEnded>(store)
{
    protected override Task HandleAsync(V1.HouseholdSmsContactEnded m, IDocumentSession session, ConsumeContext<V1.HouseholdSmsContactEnded> context) =>
        session.DecideAsync<MealEnrolment>(MealEnrolment.IdFor(m.CaseId),
            s => EnrolmentDecider.Decide(s, new EndSmsContact(m.CaseId, m.ConsentId, clock.GetUtcNow())), context.CancellationToken);
}

public sealed class NeedWithdrawnConsumer(IDocumentStore store, IPersonalKeyStore keys, TimeProvider clock) : InboxConsumer<V1.NeedWithdrawn>(store)
{
    protected override Task HandleAsync(V1.NeedWithdrawn m, IDocumentSession session, ConsumeContext<V1.NeedWithdrawn> context) =>
        EnrolmentEnding.EndAsync(session, keys, new EndEnrolment(m.CaseId, EnrolmentEndCause.NeedWithdrawn, m.NeedId, null, clock.GetUtcNow()),
            context.CancellationToken);
}

public sealed class ReferralCompletedConsumer(IDocumentStore store, IPersonalKeyStore keys, TimeProvider clock) : InboxConsumer<V1.ReferralCompleted>(store)
{
    protected override Task HandleAsync(V1.ReferralCompleted m, IDocumentSession session, ConsumeContext<V1.ReferralCompleted> context) =>
        EnrolmentEnding.EndAsync(session, keys, new EndEnrolment(m.CaseId, EnrolmentEndCause.ReferralCompleted, null, m.ReferralId, clock.GetUtcNow()),
            context.CancellationToken);
}

/// <summary>
/// A cancelled referral: when its offer went away the household waits for the next canteen (its
/// coming meals from this one are cancelled); when the need was withdrawn or the case closed, the
/// enrolment ends (those messages end it too; whichever comes first does it).
/// </summary>
public sealed class ReferralCancelledConsumer(IDocumentStore store, IPersonalKeyStore keys, TimeProvider clock) : InboxConsumer<V1.ReferralCancelled>(store)
{
    protected override async Task HandleAsync(V1.ReferralCancelled m, IDocumentSession session, ConsumeContext<V1.ReferralCancelled> context)
    {
        var now = clock.GetUtcNow();
        if (m.Cause is V1.ReferralCancelCause.NeedWithdrawn or V1.ReferralCancelCause.CaseClosed)
        {
            await EnrolmentEnding.EndAsync(session, keys, new EndEnrolment(m.CaseId,
                m.Cause == V1.ReferralCancelCause.CaseClosed ? EnrolmentEndCause.CaseClosed : EnrolmentEndCause.NeedWithdrawn,
                null, m.ReferralId, now), context.CancellationToken);
            return;
        }
        var decision = await session.DecideAsync<MealEnrolment>(MealEnrolment.IdFor(m.CaseId),
            s => EnrolmentDecider.Decide(s, new CancelMealReferral(m.CaseId, m.ReferralId, now)), context.CancellationToken);
        if (decision.Events.OfType<MealEnrolmentEnded>().Any()) await RecipientVault.ShredAsync(keys, m.CaseId, context.CancellationToken);
        if (!decision.ChangedNothing)
            await EnrolmentEnding.CancelComingDeliveriesAsync(session, m.CaseId, CancellationCause.ReferralCancelled, now, context.CancellationToken);
    }
}

public sealed class CaseClosedConsumer(IDocumentStore store, IPersonalKeyStore keys, TimeProvider clock) : InboxConsumer<V1.CaseClosed>(store)
{
    protected override Task HandleAsync(V1.CaseClosed m, IDocumentSession session, ConsumeContext<V1.CaseClosed> context) =>
        EnrolmentEnding.EndAsync(session, keys, new EndEnrolment(m.CaseId, EnrolmentEndCause.CaseClosed, null, null, clock.GetUtcNow()),
            context.CancellationToken);
}

public sealed class ClientDataErasedConsumer(IDocumentStore store, IPersonalKeyStore keys, TimeProvider clock) : InboxConsumer<V1.ClientDataErased>(store)
{
    protected override async Task HandleAsync(V1.ClientDataErased m, IDocumentSession session, ConsumeContext<V1.ClientDataErased> context)
    {
        await EnrolmentEnding.EndAsync(session, keys, new EndEnrolment(m.CaseId, EnrolmentEndCause.ClientDataErased, null, null, clock.GetUtcNow()),
            context.CancellationToken);
        // Erasure deletes the key whether or not an enrolment existed (details may have been shared alone).
        await RecipientVault.ShredAsync(keys, m.CaseId, context.CancellationToken);
    }
}
