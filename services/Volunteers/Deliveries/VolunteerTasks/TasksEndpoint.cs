using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Privacy;
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
/// to decide); once accepted and while its window is open (<paramref name="DetailsFrom"/> to
/// <paramref name="DetailsUntil"/>), the recipient's name, address, phone and dietary notes.
/// </summary>
public sealed record TaskView(
    Guid Id, VolunteerTaskKind Kind, DateOnly Date, TimeOnly WindowFrom, TimeOnly WindowTo, DeliveryStatus Status, int RouteStop,
    DateTimeOffset? RespondBy, Position? PickUp, GridLocation? Area, TaskRecipient? Recipient, long Version,
    DateTimeOffset DetailsFrom, DateTimeOffset DetailsUntil, decimal Hours);

public sealed record TaskRecipient(string Name, string Address, string Phone, string? DietaryNotes, Position? Position);

public static class TasksEndpoint
{
    public static void MapVolunteerTasks(this IEndpointRouteBuilder api) =>
        api.MapGet("/volunteers/{id:guid}/tasks", ListAsync)
            .RequireRoles(Roles.Volunteer, Roles.Supervisor, Roles.Admin)
            .WithSummary("A volunteer's tasks from today on, by day and route stop (only their own; a coordinator sees those of their " +
                "station's volunteers). The recipient's details show only on an accepted task while its window is open; each such read is audited.");

    private static async Task<Ok<IEnumerable<TaskView>>> ListAsync(
        Guid id, DateOnly? from, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock, LocalCalendar calendar,
        VolunteersSettings settings, IPersonalKeyStore personalKeys, HttpResponse response, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var volunteer = await session.LoadAsync<Volunteer>(id, cancellationToken);
        if (volunteer is not null) VolunteerEndpoints.EnsureMaySee(user, id, volunteer.StationId);
        else if (user.Id != id) throw new RecordNotFound("Volunteer", id);
        var now = clock.GetUtcNow();
        var since = from ?? calendar.Today(now);
        var tasks = (await session.Query<Delivery>()
            .Where(d => d.VolunteerId == id && d.Date >= since)
            .ToListAsync(cancellationToken))
            .OrderBy(t => t.Date).ThenBy(t => t.RouteStop).ThenBy(t => t.WindowFrom).ToList();
        var caseIds = tasks.Select(t => t.CaseId).Distinct().ToArray();
        var served = (await session.LoadManyAsync<ServedCase>(cancellationToken, caseIds)).ToDictionary(c => c.Id);
        var open = tasks.Where(t => MayShowRecipient(t, DetailsWindow(t, calendar, settings), now)).ToList();
        var openCases = open.Select(t => t.CaseId).Distinct().ToArray();
        var enrolments = (await session.LoadManyAsync<MealEnrolment>(cancellationToken, openCases.Select(MealEnrolment.IdFor).ToArray()))
            .ToDictionary(e => e.CaseId);
        var keys = await RecipientVault.KeysAsync(personalKeys, openCases, cancellationToken);
        var shown = new List<RecipientDetailsRead>();
        var views = tasks.Select(t =>
        {
            var (detailsFrom, detailsUntil) = DetailsWindow(t, calendar, settings);
            TaskRecipient? recipient = null;
            if (open.Contains(t) && enrolments.TryGetValue(t.CaseId, out var e)
                && RecipientVault.Open(keys.GetValueOrDefault(t.CaseId), e.SealedDetails) is { } details)
            {
                recipient = new TaskRecipient(details.Name, details.Address, details.Phone, details.DietaryNotes, details.Position);
                shown.Add(new RecipientDetailsRead(t.CaseId, t.StationId, t.Id, id, user.Id, user.RoleCodes, now));
            }
            return new TaskView(t.Id, t.Kind, t.Date, t.WindowFrom, t.WindowTo, t.Status, t.RouteStop, t.RespondBy,
                t.Canteen, served.GetValueOrDefault(t.CaseId)?.Location, recipient, t.Version, detailsFrom, detailsUntil, t.Hours);
        }).ToList();
        // Recorded before anything is returned: a read that cannot be audited shows nothing.
        await session.RecordShownAsync(response, shown, cancellationToken);
        return TypedResults.Ok<IEnumerable<TaskView>>(views);
    }

    /// <summary>From a lead before the window opens (to find the way) until a grace after it closes (a late door).</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) DetailsWindow(Delivery task, LocalCalendar calendar, VolunteersSettings settings) =>
        (calendar.At(task.Date, task.WindowFrom) - settings.RecipientDetailsLead, calendar.At(task.Date, task.WindowTo) + settings.RecipientDetailsGrace);

    /// <summary>The recipient's details are the volunteer's only while the task is theirs (accepted, not finished) and its window is open.</summary>
    public static bool MayShowRecipient(Delivery task, (DateTimeOffset From, DateTimeOffset Until) window, DateTimeOffset now) =>
        task.Status is DeliveryStatus.Accepted or DeliveryStatus.PickedUp && now >= window.From && now < window.Until;
}
