using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;

namespace FiveSocieties.Volunteers.Deliveries;

public sealed record DeliveryWritten(Guid Id, DeliveryStatus Status, Guid? VolunteerId, long Version);

/// <summary>
/// What the phone sends with an answer it may have queued offline: its own id for the action (a
/// replay acts once) and when it happened (within <see cref="VolunteersSettings.OfflineWindow"/>).
/// </summary>
public sealed record FieldActionRequest(Guid? ActionId, DateTimeOffset? OccurredAt);

/// <summary>
/// What every command on one delivery shares around <see cref="HttpDecisions.DecideOverHttpAsync{TState}"/>:
/// who may reach it (404 when unknown, or of another station for a coordinator; a volunteer reaches
/// any delivery by id and the decider refuses what is not theirs, 422) and the answer. An action
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
        EnsureCanReach(user, delivery);
        return delivery;
    }

    /// <summary>Staff reach their station's deliveries only; a volunteer reaches any by id, for the decider to judge.</summary>
    public static Action<Delivery> CanReach(CurrentUser user) => delivery => EnsureCanReach(user, delivery);

    private static void EnsureCanReach(CurrentUser user, Delivery delivery)
    {
        if (!user.IsIn(Roles.Volunteer) || user.IsIn(Roles.Supervisor)) user.EnsureCanSee(delivery.StationId, "Delivery", delivery.Id);
    }

    /// <summary>The delivery as the command left it; a phone's repeated action gets the answer it got the first time.</summary>
    public static Func<Decided<Delivery>, IResult> Answer(Guid? actionId = null) => decided =>
        decided.Decision.ChangedNothing && decided.Before.Action(actionId) is { } handled
            ? TypedResults.Ok(new DeliveryWritten(decided.Before.Id, handled.Status, handled.VolunteerId, handled.Version))
            : TypedResults.Ok(new DeliveryWritten(decided.After.Id, decided.After.Status, decided.After.VolunteerId, decided.Decision.Version));
}
