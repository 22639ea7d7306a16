using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.Deliveries;

public sealed record ScheduleDelivery(
    Guid DeliveryId, Guid CaseId, Guid StationId, DateOnly Date, TimeOnly WindowFrom, TimeOnly WindowTo, DateTimeOffset StartsAt,
    Position? Canteen, bool ChildFacing, DateTimeOffset At, VolunteerTaskKind Kind = VolunteerTaskKind.MealDelivery, decimal Hours = 0);

/// <summary>Who gets the delivery next (from the dispatch planner), or nobody.</summary>
public sealed record NextOffer(Guid VolunteerId, int RouteStop, DateTimeOffset RespondBy);

public sealed record OfferDelivery(Guid DeliveryId, NextOffer? Offer, DateTimeOffset At);

/// <summary>A volunteer's answers: <c>At</c> is when it happened (perhaps offline), <c>Action</c> the phone's id for it and when it reached us.</summary>
public sealed record PhoneAction(Guid? ActionId, DateTimeOffset RecordedAt);

/// <param name="BackgroundCleared">Whether the volunteer's background check is cleared (required for a task with a child).</param>
public sealed record AcceptDelivery(Guid DeliveryId, Guid VolunteerId, DateTimeOffset At, bool BackgroundCleared = true, PhoneAction? Action = null);

public sealed record DeclineDelivery(Guid DeliveryId, Guid VolunteerId, NextOffer? Next, DateTimeOffset At, PhoneAction? Action = null);

public sealed record ExpireOffer(Guid DeliveryId, NextOffer? Next, DateTimeOffset At);

public sealed record NoteNoShow(Guid DeliveryId, NextOffer? Next, DateTimeOffset At);

public sealed record PickUpDelivery(Guid DeliveryId, Guid VolunteerId, DateTimeOffset At, PhoneAction? Action = null);

public sealed record CompleteDelivery(Guid DeliveryId, Guid VolunteerId, Wellbeing Wellbeing, string? ConcernNote, DateTimeOffset At, PhoneAction? Action = null);

public sealed record MissDelivery(Guid DeliveryId, Guid VolunteerId, MissReason Reason, bool LivesAlone, DateTimeOffset At, PhoneAction? Action = null);

public sealed record CancelDelivery(Guid DeliveryId, CancellationCause Cause, DateTimeOffset At);

public sealed record RemindVolunteer(Guid DeliveryId, DateTimeOffset At);

/// <summary>The evening before, the household is asked (by SMS) to confirm tomorrow's meal.</summary>
public sealed record AskRecipientToConfirm(Guid DeliveryId, DateTimeOffset At);

/// <summary>The platform refused the evening-before SMS with <paramref name="Code"/>.</summary>
public sealed record NoteConfirmationNotSent(Guid DeliveryId, string Code, DateTimeOffset At);

public enum RecipientAnswer { Confirm, Skip }

/// <summary>The household's reply to the evening-before SMS.</summary>
public sealed record RecordRecipientAnswer(Guid DeliveryId, RecipientAnswer Answer, DateTimeOffset At);

/// <summary>A coordinator (调度) gives the delivery to the volunteer they chose, whoever holds it now.</summary>
/// <param name="Offer">The chosen volunteer, their stop in that day's round and when they must answer.</param>
/// <param name="BackgroundCleared">Whether the chosen volunteer's background check is cleared.</param>
/// <param name="MayVisit">Whether the chosen volunteer registered the companionship skill (a visit needs it).</param>
public sealed record ReassignDelivery(
    Guid DeliveryId, NextOffer Offer, bool BackgroundCleared, bool MayVisit, Guid ReassignedBy, string? Reason, DateTimeOffset At);

/// <summary>What may happen to a delivery. Volunteers' commands name the rule they break; the sweeps' commands are no-ops when no longer due.</summary>
public static class DeliveryDecider
{
    public static IReadOnlyList<object> Decide(Delivery? state, ScheduleDelivery c) =>
        state is not null ? [] :
        [
            new DeliveryScheduled(c.DeliveryId, c.CaseId, c.StationId, c.Date, c.WindowFrom, c.WindowTo, c.StartsAt, c.Canteen,
                c.ChildFacing, c.At, c.Kind, c.Hours),
        ];

    /// <summary>The first offer of a scheduled delivery (or the report that nobody can take it).</summary>
    public static IReadOnlyList<object> Decide(Delivery? state, OfferDelivery c)
    {
        var delivery = Existing(state, c.DeliveryId);
        return delivery.Status == DeliveryStatus.Scheduled ? Next(delivery, c.Offer, c.At) : [];
    }

    public static IReadOnlyList<object> Decide(Delivery? state, AcceptDelivery c)
    {
        var delivery = Existing(state, c.DeliveryId);
        if (Replayed(delivery, c.Action)) return [];
        if (delivery.Status is DeliveryStatus.Accepted or DeliveryStatus.PickedUp && delivery.VolunteerId == c.VolunteerId) return [];
        EnsureOfferedTo(delivery, c.VolunteerId);
        if (delivery.ChildFacing && !c.BackgroundCleared) throw BackgroundCheckRequired();
        return [new DeliveryAccepted(delivery.Id, c.VolunteerId, c.At, c.Action?.ActionId, c.Action?.RecordedAt)];
    }

    /// <summary>A volunteer may decline an offer, or give back a task they accepted but have not picked up.</summary>
    public static IReadOnlyList<object> Decide(Delivery? state, DeclineDelivery c)
    {
        var delivery = Existing(state, c.DeliveryId);
        if (Replayed(delivery, c.Action)) return [];
        if (delivery.Passed.Contains(c.VolunteerId) && delivery.VolunteerId != c.VolunteerId) return [];
        if (delivery.Status == DeliveryStatus.Accepted && delivery.VolunteerId == c.VolunteerId) { }
        else EnsureOfferedTo(delivery, c.VolunteerId);
        var now = c.Action?.RecordedAt ?? c.At;
        return [new DeliveryDeclined(delivery.Id, c.VolunteerId, c.At, c.Action?.ActionId, c.Action?.RecordedAt), .. Next(delivery, c.Next, now, declined: true)];
    }

    public static IReadOnlyList<object> Decide(Delivery? state, ExpireOffer c)
    {
        var delivery = Existing(state, c.DeliveryId);
        if (delivery.Status != DeliveryStatus.Offered || delivery.RespondBy > c.At) return [];
        return [new DeliveryOfferExpired(delivery.Id, delivery.VolunteerId!.Value, c.At), .. Next(delivery, c.Next, c.At, declined: true)];
    }

    public static IReadOnlyList<object> Decide(Delivery? state, NoteNoShow c)
    {
        var delivery = Existing(state, c.DeliveryId);
        if (delivery.Status != DeliveryStatus.Accepted || delivery.StartsAt > c.At) return [];
        return [new VolunteerNoShow(delivery.Id, delivery.VolunteerId!.Value, c.At), .. Next(delivery, c.Next, c.At, declined: true)];
    }

    public static IReadOnlyList<object> Decide(Delivery? state, PickUpDelivery c)
    {
        var delivery = Existing(state, c.DeliveryId);
        if (Replayed(delivery, c.Action)) return [];
        EnsureTaskOf(delivery, c.VolunteerId);
        return delivery.Status switch
        {
            DeliveryStatus.PickedUp => [],
            DeliveryStatus.Accepted => [new DeliveryPickedUp(delivery.Id, c.VolunteerId, c.At, c.Action?.ActionId, c.Action?.RecordedAt)],
            DeliveryStatus.Offered => throw new DomainRuleViolation("delivery.not-accepted", "Accept the delivery before picking it up."),
            _ => throw Finished(delivery),
        };
    }

    public static IReadOnlyList<object> Decide(Delivery? state, CompleteDelivery c)
    {
        var delivery = Existing(state, c.DeliveryId);
        if (Replayed(delivery, c.Action)) return [];
        EnsureTaskOf(delivery, c.VolunteerId);
        return delivery.Status switch
        {
            DeliveryStatus.Completed => [],
            DeliveryStatus.PickedUp => [Completed(delivery, c)],
            // A visit has no meal to pick up.
            DeliveryStatus.Accepted when delivery.IsVisit => [Completed(delivery, c)],
            DeliveryStatus.Offered or DeliveryStatus.Accepted =>
                throw new DomainRuleViolation("delivery.not-picked-up", "A delivery is completed only after the meal was picked up at the canteen."),
            _ => throw Finished(delivery),
        };
    }

    public static IReadOnlyList<object> Decide(Delivery? state, MissDelivery c)
    {
        var delivery = Existing(state, c.DeliveryId);
        if (Replayed(delivery, c.Action)) return [];
        EnsureTaskOf(delivery, c.VolunteerId);
        return delivery.Status switch
        {
            DeliveryStatus.Missed => [],
            DeliveryStatus.Accepted or DeliveryStatus.PickedUp =>
                [new DeliveryMissed(delivery.Id, delivery.Ref, c.VolunteerId, c.Reason, c.LivesAlone, c.At, c.Action?.ActionId, c.Action?.RecordedAt)],
            DeliveryStatus.Offered => throw new DomainRuleViolation("delivery.not-accepted", "Accept the delivery before reporting it missed."),
            _ => throw Finished(delivery),
        };
    }

    public static IReadOnlyList<object> Decide(Delivery? state, CancelDelivery c)
    {
        var delivery = Existing(state, c.DeliveryId);
        if (delivery.Status == DeliveryStatus.Cancelled) return [];
        if (delivery.IsFinished) throw Finished(delivery);
        return [new DeliveryCancelled(delivery.Id, c.Cause, c.At)];
    }

    public static IReadOnlyList<object> Decide(Delivery? state, RemindVolunteer c)
    {
        var delivery = Existing(state, c.DeliveryId);
        return delivery.Status == DeliveryStatus.Accepted && !delivery.Reminded
            ? [new DeliveryReminderSent(delivery.Id, delivery.Ref, delivery.VolunteerId!.Value, c.At)]
            : [];
    }

    /// <summary>A meal not yet under way and not asked before; a visit or a finished delivery is never asked.</summary>
    public static IReadOnlyList<object> Decide(Delivery? state, AskRecipientToConfirm c)
    {
        var delivery = Existing(state, c.DeliveryId);
        return !delivery.IsVisit && delivery.Confirmation == RecipientConfirmation.NotAsked
               && delivery.Status is DeliveryStatus.Scheduled or DeliveryStatus.Offered or DeliveryStatus.Accepted or DeliveryStatus.Unassigned
            ? [new DeliveryConfirmationAsked(delivery.Id, delivery.Ref, c.At)]
            : [];
    }

    /// <summary>
    /// The first answer to a question asked counts; a skip cancels only a meal not yet picked up
    /// (once under way it is the volunteer's outcome that says what happened).
    /// </summary>
    public static IReadOnlyList<object> Decide(Delivery? state, RecordRecipientAnswer c)
    {
        var delivery = Existing(state, c.DeliveryId);
        if (delivery.Confirmation != RecipientConfirmation.NoAnswer) return [];
        if (c.Answer == RecipientAnswer.Confirm) return [new DeliveryConfirmedByRecipient(delivery.Id, delivery.Ref, c.At)];
        return delivery.Status is DeliveryStatus.Scheduled or DeliveryStatus.Offered or DeliveryStatus.Accepted or DeliveryStatus.Unassigned
            ? [new DeliverySkippedByRecipient(delivery.Id, delivery.Ref, delivery.IsAssigned ? delivery.VolunteerId : null, c.At)]
            : [];
    }

    public static IReadOnlyList<object> Decide(Delivery? state, NoteConfirmationNotSent c)
    {
        var delivery = Existing(state, c.DeliveryId);
        return delivery.Confirmation == RecipientConfirmation.NoAnswer ? [new DeliveryConfirmationNotSent(delivery.Id, c.Code, c.At)] : [];
    }

    /// <summary>
    /// Until the meal is picked up a coordinator may hand the delivery to anyone of the station: the
    /// previous volunteer's task ends (their later answers are refused as reassigned) and the chosen
    /// one is offered it, as any offer, so that they are told and may still decline.
    /// </summary>
    public static IReadOnlyList<object> Decide(Delivery? state, ReassignDelivery c)
    {
        var delivery = Existing(state, c.DeliveryId);
        if (delivery.IsFinished) throw Finished(delivery);
        if (delivery.Status == DeliveryStatus.PickedUp)
            throw new DomainRuleViolation("delivery.picked-up", "The meal is already picked up: the volunteer who carries it finishes the delivery.");
        if (delivery.VolunteerId == c.Offer.VolunteerId) return [];
        if (delivery.ChildFacing && !c.BackgroundCleared) throw BackgroundCheckRequired();
        if (delivery.IsVisit && !c.MayVisit)
            throw new DomainRuleViolation("task.skill-missing", "The volunteer has not registered the Companionship skill.");
        return
        [
            new DeliveryReassigned(delivery.Id, delivery.Ref, delivery.IsAssigned ? delivery.VolunteerId : null, c.Offer.VolunteerId,
                c.ReassignedBy, c.Reason, c.At),
            new DeliveryOffered(delivery.Id, delivery.Ref, c.Offer.VolunteerId, c.Offer.RouteStop, c.Offer.RespondBy, c.At),
        ];
    }

    private static IReadOnlyList<object> Next(Delivery delivery, NextOffer? next, DateTimeOffset at, bool declined = false)
    {
        if (next is not null && !delivery.Passed.Contains(next.VolunteerId) && next.VolunteerId != delivery.VolunteerId)
            return [new DeliveryOffered(delivery.Id, delivery.Ref, next.VolunteerId, next.RouteStop, next.RespondBy, at)];
        var reason = declined || delivery.Passed.Count > 0 ? DispatchFailureReason.AllVolunteersDeclined : DispatchFailureReason.NoVolunteerAvailable;
        return [new DeliveryDispatchFailed(delivery.Id, delivery.Ref, reason, at)];
    }

    private static DeliveryCompleted Completed(Delivery delivery, CompleteDelivery c) =>
        new(delivery.Id, delivery.Ref, c.VolunteerId, c.Wellbeing, c.ConcernNote, c.At, delivery.Hours, c.Action?.ActionId, c.Action?.RecordedAt);

    /// <summary>The phone sent this action before (a replay after a lost answer): it acts once.</summary>
    private static bool Replayed(Delivery delivery, PhoneAction? action) => delivery.Action(action?.ActionId) is not null;

    private static void EnsureOfferedTo(Delivery delivery, Guid volunteerId)
    {
        EnsureNotReassignedAway(delivery, volunteerId);
        if (delivery.Status != DeliveryStatus.Offered)
            throw delivery.IsFinished ? Finished(delivery)
                : new DomainRuleViolation("delivery.not-offered", "The delivery is not on offer to you.");
        if (delivery.VolunteerId != volunteerId)
            throw new ActionForbidden("delivery.not-your-task", "The delivery was offered to another volunteer.");
    }

    private static void EnsureTaskOf(Delivery delivery, Guid volunteerId)
    {
        EnsureNotReassignedAway(delivery, volunteerId);
        if (delivery.VolunteerId != volunteerId)
            throw new ActionForbidden("delivery.not-your-task", "The delivery is another volunteer's task.");
    }

    /// <summary>Says why to a volunteer whose answer (perhaps queued offline) comes after the coordinator took the task from them.</summary>
    private static void EnsureNotReassignedAway(Delivery delivery, Guid volunteerId)
    {
        if (delivery.VolunteerId != volunteerId && delivery.ReassignedAway.Contains(volunteerId))
            throw new DomainRuleViolation("delivery.reassigned", "The coordinator gave this delivery to another volunteer.");
    }

    /// <summary>A first offer chosen by a coordinator rather than the planner must keep the background-check rule too.</summary>
    public static IReadOnlyList<object> Decide(Delivery? state, OfferDelivery c, bool backgroundCleared)
    {
        var delivery = Existing(state, c.DeliveryId);
        if (c.Offer is not null && delivery.ChildFacing && !backgroundCleared) throw BackgroundCheckRequired();
        return Decide(delivery, c);
    }

    private static DomainRuleViolation BackgroundCheckRequired() =>
        new("task.background-check-required", "A task with a child needs a volunteer whose background check is cleared.");

    private static DomainRuleViolation Finished(Delivery delivery) =>
        new("delivery.finished", $"The delivery is already {delivery.Status.ToString().ToLowerInvariant()}.");

    private static Delivery Existing(Delivery? state, Guid id) => state ?? throw new RecordNotFound("Delivery", id);
}
