using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Volunteers.Deliveries.Dispatching;
using FiveSocieties.Volunteers.Registry;
using FiveSocieties.Volunteers.ServedCases;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.Deliveries.Visits;

public enum VisitRecurrence { Once, Weekly, Monthly }

/// <summary>
/// POST /visits: companionship visits (陪伴探访) for a case, once or recurring (e.g. monthly for an
/// empty-nest elder, as the service plan says). Each occurrence is a task dispatched like a
/// meal; a coordinator may name the volunteer instead of the planner.
/// </summary>
public sealed record ScheduleVisitsRequest(
    Guid? VisitId, [property: Required] Guid? CaseId, [property: Required] DateOnly? Date, [property: Required] TimeOnly? From, [property: Required] TimeOnly? To, decimal? Hours, VisitRecurrence? Recurrence, int? Occurrences,
    Guid? VolunteerId);

public sealed record VisitsScheduled(Guid VisitId, IReadOnlyList<Guid> TaskIds, int Offered);

public static class VisitEndpoints
{
    public static void MapVisits(this IEndpointRouteBuilder api) =>
        api.MapPost("/visits", ScheduleAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .WithSummary("Schedule companionship visits (once, weekly or monthly), dispatched like deliveries; a repeat changes nothing.");

    private static async Task<Ok<VisitsScheduled>> ScheduleAsync(ScheduleVisitsRequest request, ClaimsPrincipal principal, IDocumentSession session,
        Dispatcher dispatcher, VolunteersSettings settings, TimeProvider clock, LocalCalendar calendar, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var caseId = validator.RequiredId(request.CaseId, "caseId");
        var date = validator.Required(request.Date, "date");
        var from = validator.Required(request.From, "from");
        var to = validator.Required(request.To, "to");
        var hours = request.Hours ?? 1m;
        validator.Check(hours is > 0 and <= 8, "hours", "must be more than 0 and at most 8.");
        var occurrences = request.Occurrences ?? 1;
        validator.Check(occurrences is >= 1 and <= 12, "occurrences", "must be between 1 and 12.");
        validator.Check(request.VisitId != Guid.Empty, "visitId", "must not be the empty id.");
        validator.Check(request.VolunteerId != Guid.Empty, "volunteerId", "must not be the empty id.");
        validator.ThrowIfInvalid();
        if (to <= from) throw new DomainRuleViolation("visit.window-ends-before-start", "A visit's window must end after it starts.");

        var served = await session.LoadAsync<ServedCase>(caseId, cancellationToken) ?? throw new RecordNotFound("Case", caseId);
        user.EnsureCanSee(served.StationId, "Case", caseId);
        Volunteer? chosen = null;
        if (request.VolunteerId is { } volunteerId)
        {
            chosen = await session.LoadAsync<Volunteer>(volunteerId, cancellationToken) ?? throw new RecordNotFound("Volunteer", volunteerId);
            if (chosen.StationId != served.StationId) throw new RecordNotFound("Volunteer", volunteerId);
            if (served.IsChild && chosen.BackgroundCheck != BackgroundCheckStatus.Cleared)
                throw new DomainRuleViolation("task.background-check-required", "A task with a child needs a volunteer whose background check is cleared.");
            if (!chosen.Skills.Contains(VolunteerSkill.Companionship))
                throw new DomainRuleViolation("task.skill-missing", "The volunteer has not registered the Companionship skill.");
        }

        var visitId = request.VisitId ?? Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var recurrence = request.Recurrence ?? VisitRecurrence.Once;
        var count = recurrence == VisitRecurrence.Once ? 1 : occurrences;
        var scheduled = new List<DeliveryScheduled>();
        for (var i = 0; i < count; i++)
        {
            var day = recurrence == VisitRecurrence.Monthly ? date.AddMonths(i) : date.AddDays(7 * i);
            var id = DeterministicId.For("visit", visitId, i);
            if (await session.LoadAsync<Delivery>(id, cancellationToken) is not null) continue; // a repeat of the same request
            scheduled.Add(new DeliveryScheduled(id, caseId, served.StationId, day, from, to, calendar.At(day, from), null, served.IsChild, now,
                VolunteerTaskKind.CompanionshipVisit, hours));
        }

        int offered;
        if (chosen is null) offered = await dispatcher.ScheduleAndOfferAsync(session, scheduled, now, cancellationToken);
        else
        {
            foreach (var s in scheduled)
            {
                var respondBy = now + settings.OfferTimeout < s.StartsAt ? now + settings.OfferTimeout : s.StartsAt;
                session.Events.StartStream<Delivery>(s.DeliveryId,
                    [s, .. DeliveryDecider.Decide(Delivery.From(s), new OfferDelivery(s.DeliveryId, new NextOffer(chosen.Id, 1, respondBy), now),
                        chosen.BackgroundCheck == BackgroundCheckStatus.Cleared)]);
            }
            offered = scheduled.Count;
        }
        await session.SaveChangesAsync(cancellationToken);
        var ids = Enumerable.Range(0, count).Select(i => DeterministicId.For("visit", visitId, i)).ToList();
        return TypedResults.Ok(new VisitsScheduled(visitId, ids, offered));
    }
}
