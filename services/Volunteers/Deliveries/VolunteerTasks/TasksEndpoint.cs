using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Volunteers.Enrolments;
using FiveSocieties.Volunteers.Registry;
using FiveSocieties.Volunteers.ServedCases;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.Deliveries.VolunteerTasks;

/// <summary>
/// What a volunteer needs for one task, no more: on offer, the day, window, canteen and grid (enough
/// to decide); once accepted, the recipient's name, address, phone and dietary notes.
/// </summary>
public sealed record TaskView(
    Guid Id, VolunteerTaskKind Kind, DateOnly Date, TimeOnly WindowFrom, TimeOnly WindowTo, DeliveryStatus Status, int RouteStop,
    DateTimeOffset? RespondBy, Position? PickUp, GridLocation? Area, TaskRecipient? Recipient, long Version);

public sealed record TaskRecipient(string Name, string Address, string Phone, string? DietaryNotes, Position? Position);

public static class TasksEndpoint
{
    public static void MapVolunteerTasks(this IEndpointRouteBuilder api) =>
        api.MapGet("/volunteers/{id:guid}/tasks", ListAsync)
            .RequireRoles(Roles.Volunteer, Roles.Supervisor, Roles.Admin)
            .WithSummary("A volunteer's tasks from today on (only their own; a coordinator sees those of their station's volunteers).");

    private static async Task<Ok<IEnumerable<TaskView>>> ListAsync(
        Guid id, DateOnly? from, ClaimsPrincipal principal, IQuerySession session, TimeProvider clock, LocalCalendar calendar,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var volunteer = await session.LoadAsync<Volunteer>(id, cancellationToken);
        if (volunteer is not null) VolunteerEndpoints.EnsureMaySee(user, id, volunteer.StationId);
        else if (user.Id != id) throw new RecordNotFound("Volunteer", id);
        var since = from ?? calendar.Today(clock.GetUtcNow());
        var tasks = await session.Query<Delivery>()
            .Where(d => d.VolunteerId == id && d.Date >= since)
            .ToListAsync(cancellationToken);
        var caseIds = tasks.Select(t => t.CaseId).Distinct().ToArray();
        var served = (await session.LoadManyAsync<ServedCase>(cancellationToken, caseIds)).ToDictionary(c => c.Id);
        var accepted = tasks.Where(t => t.Status is DeliveryStatus.Accepted or DeliveryStatus.PickedUp).Select(t => t.CaseId).ToArray();
        var enrolments = (await session.LoadManyAsync<MealEnrolment>(cancellationToken, accepted.Select(MealEnrolment.IdFor).ToArray()))
            .ToDictionary(e => e.CaseId);
        var keys = await RecipientVault.KeysAsync(session, accepted, cancellationToken);
        return TypedResults.Ok(tasks.OrderBy(t => t.Date).ThenBy(t => t.RouteStop).Select(t =>
        {
            var details = enrolments.TryGetValue(t.CaseId, out var e) ? RecipientVault.Open(keys.GetValueOrDefault(t.CaseId), e.SealedDetails) : null;
            var recipient = details is null || t.Status is not (DeliveryStatus.Accepted or DeliveryStatus.PickedUp) ? null
                : new TaskRecipient(details.Name, details.Address, details.Phone, details.DietaryNotes, details.Position);
            return new TaskView(t.Id, VolunteerTaskKind.MealDelivery, t.Date, t.WindowFrom, t.WindowTo, t.Status, t.RouteStop, t.RespondBy,
                t.Canteen, served.GetValueOrDefault(t.CaseId)?.Location, recipient, t.Version);
        }));
    }
}
