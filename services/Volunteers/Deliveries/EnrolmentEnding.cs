using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.Volunteers.Enrolments;
using Marten;

namespace FiveSocieties.Volunteers.Deliveries;

/// <summary>Ending an enrolment: the details' key is shredded, then the end and the household's coming deliveries cancelled are committed together.</summary>
public static class EnrolmentEnding
{
    public static async Task EndAsync(IDocumentSession session, IPersonalKeyStore keys, EndEnrolment command, CancellationToken cancellationToken)
    {
        var decision = await session.DecideAsync<MealEnrolment>(MealEnrolment.IdFor(command.CaseId),
            s => EnrolmentDecider.Decide(s, command), cancellationToken);
        if (!decision.Events.OfType<MealEnrolmentEnded>().Any()) return;
        await RecipientVault.ShredAsync(keys, command.CaseId, cancellationToken);
        await CancelComingDeliveriesAsync(session, command.CaseId, CancellationCause.EnrolmentEnded, command.At, cancellationToken);
    }

    /// <summary>The household's deliveries not yet done (planned, offered, accepted, picked up) are cancelled.</summary>
    public static async Task CancelComingDeliveriesAsync(
        IDocumentSession session, Guid caseId, CancellationCause cause, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var coming = await session.Query<Delivery>()
            .Where(d => d.CaseId == caseId && d.Status != DeliveryStatus.Completed
                        && d.Status != DeliveryStatus.Missed && d.Status != DeliveryStatus.Cancelled)
            .ToListAsync(cancellationToken);
        foreach (var delivery in coming)
            await session.DecideAsync<Delivery>(delivery.Id,
                s => DeliveryDecider.Decide(s, new CancelDelivery(delivery.Id, cause, at)),
                cancellationToken, delivery.Version);
    }
}
