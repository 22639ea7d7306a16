using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Volunteers.Enrolments;
using FiveSocieties.Volunteers.ServedCases;
using FiveSocieties.Volunteers.TimeBank;
using Marten;

namespace FiveSocieties.Volunteers.Deliveries.Outcomes;

/// <param name="ActionId">The phone's own id for this answer: sent again, it acts once (see <see cref="FieldActionRequest"/>).</param>
/// <param name="OccurredAt">When it happened, when the phone queued it offline.</param>
public sealed record CompleteRequest([property: Required] Wellbeing? Wellbeing, string? Note, Guid? ActionId = null, DateTimeOffset? OccurredAt = null);

public sealed record MissRequest([property: Required] MissReason? Reason, Guid? ActionId = null, DateTimeOffset? OccurredAt = null);

public static class OutcomeEndpoints
{
    public static void MapOutcomes(this IEndpointRouteBuilder api)
    {
        api.MapPost("/deliveries/{id:guid}/pickup", PickUpAsync)
            .RequireRoles(Roles.Volunteer)
            .Produces<DeliveryWritten>()
            .WithSummary("The meal was picked up at the canteen.");
        api.MapPost("/deliveries/{id:guid}/complete", CompleteAsync)
            .RequireRoles(Roles.Volunteer)
            .Produces<DeliveryWritten>()
            .WithSummary("The meal was delivered: how the recipient seemed (fine | concern, with a note). Credits the time bank.");
        api.MapPost("/deliveries/{id:guid}/miss", MissAsync)
            .RequireRoles(Roles.Volunteer)
            .Produces<DeliveryWritten>()
            .WithSummary("The meal did not reach the recipient (no answer at the door, away, refused, unwell, other).");
        api.MapPost("/deliveries/{id:guid}/refuse", RefuseAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .Produces<DeliveryWritten>()
            .WithSummary("The recipient declined this day's meal ahead of time: the delivery is cancelled, not missed.");
    }

    private static Task<IResult> PickUpAsync(Guid id, FieldActionRequest? request, ClaimsPrincipal principal,
        IDocumentStore store, TimeProvider clock, VolunteersSettings settings, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var (time, action) = DeliveryCommand.Action(request?.ActionId, request?.OccurredAt, clock.GetUtcNow(), settings);
        return store.DecideOverHttpAsync<Delivery>(id, http, DeliveryCommand.CanReach(user),
            state => DeliveryDecider.Decide(state, new PickUpDelivery(id, user.Id, time.OccurredAt, action)),
            DeliveryCommand.Answer(action.ActionId), cancellationToken);
    }

    private static Task<IResult> CompleteAsync(Guid id, CompleteRequest request, ClaimsPrincipal principal, IDocumentStore store,
        TimeProvider clock, VolunteersSettings settings, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var wellbeing = validator.Required(request.Wellbeing, "wellbeing");
        if (request.Note is { Length: > 2000 }) validator.Fail("note", "must be at most 2000 characters.");
        validator.Check(wellbeing != Wellbeing.Concern || !string.IsNullOrWhiteSpace(request.Note), "note", "is required when there is a concern.");
        var now = clock.GetUtcNow();
        var (time, action) = DeliveryCommand.Action(request.ActionId, request.OccurredAt, now, settings, validator);
        return store.DecideOverHttpAsync<Delivery>(id, http, DeliveryCommand.CanReach(user),
            state => DeliveryDecider.Decide(state, new CompleteDelivery(id, user.Id, wellbeing, request.Note?.Trim(), time.OccurredAt, action)),
            DeliveryCommand.Answer(action.ActionId), cancellationToken,
            // The hours are earned by the same fact: credited in the same transaction.
            alongside: (delivery, _, s) => s.DecideAsync<TimeBankAccount>(TimeBankAccount.IdFor(user.Id),
                account => Ledger.Decide(account, new CreditHours(DeterministicId.For("hours", delivery.Id), user.Id, delivery.StationId,
                    delivery.IsVisit ? delivery.Hours : settings.HoursPerDelivery, delivery.IsVisit ? HoursSource.Visit : HoursSource.Delivery,
                    delivery.Id, null, now)), cancellationToken));
    }

    private static async Task<IResult> MissAsync(Guid id, MissRequest request, ClaimsPrincipal principal, IQuerySession session,
        IDocumentStore store, TimeProvider clock, VolunteersSettings settings, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var reason = validator.Required(request.Reason, "reason");
        validator.Check(reason != MissReason.VolunteerNoShow, "reason", "must be NoAnswerAtDoor, RecipientAway, Refused, Unwell or Other.");
        var (time, action) = DeliveryCommand.Action(request.ActionId, request.OccurredAt, clock.GetUtcNow(), settings, validator);
        var delivery = await DeliveryCommand.LoadAsync(session, id, user, cancellationToken);
        var livesAlone = await LivesAloneAsync(session, delivery.CaseId, cancellationToken);
        return await store.DecideOverHttpAsync<Delivery>(id, http, DeliveryCommand.CanReach(user),
            state => DeliveryDecider.Decide(state, new MissDelivery(id, user.Id, reason, livesAlone, time.OccurredAt, action)),
            DeliveryCommand.Answer(action.ActionId), cancellationToken);
    }

    private static Task<IResult> RefuseAsync(Guid id, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        return store.DecideOverHttpAsync<Delivery>(id, http, DeliveryCommand.CanReach(user),
            state => DeliveryDecider.Decide(state, new CancelDelivery(id, CancellationCause.RecipientRefused, clock.GetUtcNow())),
            DeliveryCommand.Answer(), cancellationToken);
    }

    /// <summary>独居: from the shared details, or else from the case's categories.</summary>
    public static async Task<bool> LivesAloneAsync(IQuerySession session, Guid caseId, CancellationToken cancellationToken)
    {
        var enrolment = await session.LoadAsync<MealEnrolment>(MealEnrolment.IdFor(caseId), cancellationToken);
        if (enrolment?.LivesAlone == true) return true;
        var served = await session.LoadAsync<ServedCase>(caseId, cancellationToken);
        return served?.LivesAlone == true;
    }
}
