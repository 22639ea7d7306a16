using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.Deliveries;

public sealed record DeliveryWritten(Guid Id, DeliveryStatus Status, Guid? VolunteerId, long Version);

/// <summary>
/// What the phone sends with an answer it may have queued offline: its own id for the action (a
/// replay acts once) and when it happened (within <see cref="VolunteersSettings.OfflineWindow"/>).
/// </summary>
public sealed record FieldActionRequest(Guid? ActionId, DateTimeOffset? OccurredAt);

/// <summary>
/// The common path of a command on one delivery: honour If-Match, load it (404 when unknown, or
/// of another station for a coordinator), decide, append, commit, answer with the new version.
/// A volunteer reaches any delivery by id; the decider refuses what is not theirs (422). An action
/// the phone sent before answers as it did then (a declined one says it was released).
/// </summary>
internal static class DeliveryCommand
{
    /// <summary>The phone's action: its id (never the empty one) and when it happened, checked against now.</summary>
    public static (FieldTime Time, PhoneAction Action) Action(
        Guid? actionId, DateTimeOffset? occurredAt, DateTimeOffset now, VolunteersSettings settings, RequestValidator? validator = null)
    {
        var own = validator ?? new RequestValidator();
        own.Check(actionId != Guid.Empty, "actionId", "must not be the empty id.");
        own.ThrowIfInvalid();
        var time = FieldTime.Resolve(occurredAt, now, settings);
        return (time, new PhoneAction(actionId, time.RecordedAt));
    }

    public static async Task<Delivery> LoadAsync(IQuerySession session, Guid id, CurrentUser user, CancellationToken cancellationToken)
    {
        var delivery = await session.LoadAsync<Delivery>(id, cancellationToken) ?? throw new RecordNotFound("Delivery", id);
        if (!user.IsIn(Roles.Volunteer) || user.IsIn(Roles.Supervisor)) user.EnsureCanSee(delivery.StationId, "Delivery", id);
        return delivery;
    }

    public static async Task<Ok<DeliveryWritten>> HandleAsync(
        Guid id, CurrentUser user, IDocumentSession session, HttpContext http, Func<Delivery, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken, Func<Delivery, IReadOnlyList<object>, IDocumentSession, Task>? alsoInSession = null,
        Guid? actionId = null)
    {
        var expected = ExpectedVersion.FromIfMatch(http.Request);
        Delivery? before = null;
        var decision = await session.DecideAsync<Delivery>(id, state =>
        {
            if (state is null) throw new RecordNotFound("Delivery", id);
            if (!user.IsIn(Roles.Volunteer) || user.IsIn(Roles.Supervisor)) user.EnsureCanSee(state.StationId, "Delivery", id);
            before = state;
            return decide(state);
        }, cancellationToken, expected);
        if (alsoInSession is not null && decision.Events.Count > 0) await alsoInSession(before!, decision.Events, session);
        await session.SaveChangesAsync(cancellationToken);
        ExpectedVersion.SetETag(http.Response, decision.Version);
        if (decision.ChangedNothing && before!.Action(actionId) is { } handled)
            return TypedResults.Ok(new DeliveryWritten(id, handled.Status, handled.VolunteerId, handled.Version));
        var after = decision.Events.Aggregate(before!, Replay);
        return TypedResults.Ok(new DeliveryWritten(id, after.Status, after.VolunteerId, decision.Version));
    }

    /// <summary>The state after an event, for the answer (the stored snapshot is Marten's to build).</summary>
    private static Delivery Replay(Delivery state, object e) => e switch
    {
        DeliveryOffered o => state with { Status = DeliveryStatus.Offered, VolunteerId = o.VolunteerId },
        DeliveryAccepted => state with { Status = DeliveryStatus.Accepted },
        DeliveryDeclined or DeliveryOfferExpired or VolunteerNoShow => state with { Status = DeliveryStatus.Scheduled, VolunteerId = null },
        DeliveryReassigned => state with { Status = DeliveryStatus.Scheduled, VolunteerId = null },
        DeliveryDispatchFailed => state with { Status = DeliveryStatus.Unassigned },
        DeliveryPickedUp => state with { Status = DeliveryStatus.PickedUp },
        DeliveryCompleted => state with { Status = DeliveryStatus.Completed },
        DeliveryMissed => state with { Status = DeliveryStatus.Missed },
        DeliveryCancelled => state with { Status = DeliveryStatus.Cancelled },
        _ => state,
    };
}
