using FiveSocieties.Contracts.V1;
using JasperFx.Events;

namespace FiveSocieties.Volunteers.Deliveries;

/// <summary>
/// A delivery as its events made it: Scheduled → Offered → Accepted → PickedUp → Completed | Missed,
/// or Cancelled, or Unassigned when nobody can take it. Kept inline by Marten: the day's list,
/// a volunteer's tasks and the sweeps query it.
/// </summary>
public sealed record Delivery(
    Guid Id, Guid CaseId, Guid StationId, DateOnly Date, TimeOnly WindowFrom, TimeOnly WindowTo, DateTimeOffset StartsAt,
    Position? Canteen, bool ChildFacing, DeliveryStatus Status, long Version)
{
    public Guid? VolunteerId { get; init; }
    public int RouteStop { get; init; }
    public DateTimeOffset? RespondBy { get; init; }
    /// <summary>Volunteers who declined, let the offer lapse or did not show: never offered this delivery again.</summary>
    public IReadOnlyList<Guid> Passed { get; init; } = [];
    public bool Reminded { get; init; }
    public Wellbeing? Wellbeing { get; init; }
    public MissReason? MissReason { get; init; }
    public CancellationCause? CancellationCause { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public VolunteerTaskKind Kind { get; init; } = VolunteerTaskKind.MealDelivery;
    /// <summary>For a visit, the hours it is worth; a meal delivery is worth the configured hours.</summary>
    public decimal Hours { get; init; }
    /// <summary>The phone's actions taken on this delivery, so a replayed one answers as it did the first time.</summary>
    public IReadOnlyList<HandledAction> Actions { get; init; } = [];
    /// <summary>Volunteers a coordinator took the delivery from: their late pick-up or outcome is refused with the reason.</summary>
    public IReadOnlyList<Guid> ReassignedAway { get; init; } = [];
    /// <summary>The household's evening-before confirmation: asked, not sent, or (later) their answer.</summary>
    public RecipientConfirmation Confirmation { get; init; } = RecipientConfirmation.NotAsked;

    public DeliveryRef Ref => new(CaseId, StationId, Date, WindowFrom, WindowTo, Kind);

    public bool IsVisit => Kind == VolunteerTaskKind.CompanionshipVisit;

    public static Guid IdFor(Guid caseId, DateOnly date) => DeterministicId.For("delivery", caseId, date);

    /// <summary>Holds a place in a volunteer's day (counts against their load).</summary>
    public bool IsAssigned => Status is DeliveryStatus.Offered or DeliveryStatus.Accepted or DeliveryStatus.PickedUp;
    public bool IsFinished => Status is DeliveryStatus.Completed or DeliveryStatus.Missed or DeliveryStatus.Cancelled;

    public static Delivery Create(DeliveryScheduled e) => From(e);

    /// <summary>The state right after scheduling, for deciding the first offer in the same append.</summary>
    public static Delivery From(DeliveryScheduled e, long version = 1) => new(
        e.DeliveryId, e.CaseId, e.StationId, e.Date, e.WindowFrom, e.WindowTo, e.StartsAt, e.Canteen, e.ChildFacing,
        DeliveryStatus.Scheduled, version) { Kind = e.Kind, Hours = e.Hours };

    public Delivery Apply(DeliveryOffered e) => this with
    {
        Status = DeliveryStatus.Offered, VolunteerId = e.VolunteerId, RouteStop = e.RouteStop, RespondBy = e.RespondBy, Reminded = false,
    };

    public Delivery Apply(IEvent<DeliveryAccepted> e) =>
        (this with { Status = DeliveryStatus.Accepted, RespondBy = null, Version = e.Version }).Handled(e.Data.ActionId);

    public Delivery Apply(IEvent<DeliveryDeclined> e) => (Released(e.Data.VolunteerId) with { Version = e.Version }).Handled(e.Data.ActionId);

    public Delivery Apply(DeliveryOfferExpired e) => Released(e.VolunteerId);

    public Delivery Apply(VolunteerNoShow e) => Released(e.VolunteerId);

    public Delivery Apply(DeliveryDispatchFailed _) => this with { Status = DeliveryStatus.Unassigned };

    public Delivery Apply(IEvent<DeliveryPickedUp> e) => (this with { Status = DeliveryStatus.PickedUp, Version = e.Version }).Handled(e.Data.ActionId);

    public Delivery Apply(IEvent<DeliveryCompleted> e) => (this with
    {
        Status = DeliveryStatus.Completed, Wellbeing = e.Data.Wellbeing, FinishedAt = e.Data.CompletedAt, Version = e.Version,
    }).Handled(e.Data.ActionId);

    public Delivery Apply(IEvent<DeliveryMissed> e) => (this with
    {
        Status = DeliveryStatus.Missed, MissReason = e.Data.Reason, FinishedAt = e.Data.MissedAt, Version = e.Version,
    }).Handled(e.Data.ActionId);

    public HandledAction? Action(Guid? actionId) => actionId is { } id ? Actions.FirstOrDefault(a => a.ActionId == id) : null;

    /// <summary>
    /// The answer an action got: the state right after its event. The events a phone's action
    /// causes take Marten's envelope for this: the version is recorded inside the fold.
    /// </summary>
    private Delivery Handled(Guid? actionId) =>
        actionId is { } id ? this with { Actions = [.. Actions, new HandledAction(id, Status, VolunteerId, Version)] } : this;

    public Delivery Apply(DeliveryCancelled e) => this with
    {
        Status = DeliveryStatus.Cancelled, CancellationCause = e.Cause, RespondBy = null, FinishedAt = e.CancelledAt,
    };

    public Delivery Apply(DeliveryReminderSent _) => this with { Reminded = true };

    public Delivery Apply(DeliveryConfirmationAsked _) => this with { Confirmation = RecipientConfirmation.NoAnswer };

    public Delivery Apply(DeliveryConfirmationNotSent _) => this with { Confirmation = RecipientConfirmation.NotSent };

    public Delivery Apply(DeliveryConfirmedByRecipient _) => this with { Confirmation = RecipientConfirmation.Confirmed };

    /// <summary>Cancelled as a refusal; the volunteer stays named (whose task it was) but no longer holds a place in their day.</summary>
    public Delivery Apply(DeliverySkippedByRecipient e) => this with
    {
        Confirmation = RecipientConfirmation.Skipped, Status = DeliveryStatus.Cancelled, CancellationCause = Deliveries.CancellationCause.RecipientRefused,
        RespondBy = null, FinishedAt = e.SkippedAt,
    };

    /// <summary>The chosen volunteer is no longer one who passed (the coordinator asked them); the one it was taken from is.</summary>
    public Delivery Apply(DeliveryReassigned e)
    {
        var passed = Passed.Where(v => v != e.ToVolunteerId).ToList();
        return e.FromVolunteerId is { } from
            ? Released(from) with { Passed = [.. passed, from], ReassignedAway = [.. ReassignedAway, from] }
            : this with { Status = DeliveryStatus.Scheduled, Passed = passed };
    }

    private Delivery Released(Guid volunteerId) => this with
    {
        Status = DeliveryStatus.Scheduled, VolunteerId = null, RespondBy = null, RouteStop = 0, Passed = [.. Passed, volunteerId],
    };
}

/// <summary>A phone's action on a delivery (its client-generated id) and the state it left.</summary>
public sealed record HandledAction(Guid ActionId, DeliveryStatus Status, Guid? VolunteerId, long Version);
