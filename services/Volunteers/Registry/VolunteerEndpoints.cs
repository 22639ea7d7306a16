using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.Registry;

public sealed record PositionRequest([property: Required] double? Latitude, [property: Required] double? Longitude);

/// <summary>POST /volunteers. A volunteer registers themself (their id is their token's subject); a coordinator may register anyone of their station.</summary>
public sealed record RegisterVolunteerRequest(
    Guid? VolunteerId, [property: Required] Guid? StationId, [property: Required] string? Name, [property: Required] string? Phone, [property: Required] PositionRequest? Home, [property: Required] IReadOnlyList<VolunteerSkill>? Skills,
    IReadOnlyList<string>? Languages, bool? IsSenior, int? MaxLoad);

public sealed record SlotRequest([property: Required] IReadOnlyList<DayOfWeek>? Days, [property: Required] TimeOnly? From, [property: Required] TimeOnly? To);

public sealed record AvailabilityRequest([property: Required] IReadOnlyList<SlotRequest>? Slots);

public sealed record BackgroundCheckRequest([property: Required] BackgroundCheckStatus? Status);

public sealed record SuspendRequest([property: Required] string? Reason);

public sealed record VolunteerWritten(Guid Id, long Version);

/// <summary>GET /volunteers/{id}: the record with their name, phone and home opened (null once erased).</summary>
public sealed record VolunteerView(
    Guid Id, Guid StationId, string? Name, string? Phone, Position? Home, IReadOnlyList<VolunteerSkill> Skills,
    IReadOnlyList<string> Languages, bool IsSenior, int MaxLoad, IReadOnlyList<AvailabilitySlot> Availability,
    BackgroundCheckStatus BackgroundCheck, VolunteerStatus Status, DateTimeOffset RegisteredAt, long Version);

public static class VolunteerEndpoints
{
    public const int DefaultMaxLoad = 12;

    public static void MapVolunteers(this IEndpointRouteBuilder api)
    {
        api.MapPost("/volunteers", RegisterAsync)
            .RequireRoles(Roles.Volunteer, Roles.Supervisor, Roles.Admin)
            .Produces<VolunteerWritten>(StatusCodes.Status200OK)
            .Produces<VolunteerWritten>(StatusCodes.Status201Created)
            .WithSummary("Register a volunteer (志愿者); a repeat with the same id changes nothing.");
        api.MapGet("/volunteers/{id:guid}", GetAsync)
            .RequireRoles(Roles.Volunteer, Roles.Supervisor, Roles.Admin)
            .WithSummary("A volunteer's record: themself, or a coordinator of their station (whose read is audited).");
        api.MapPost("/volunteers/{id:guid}/erase", EraseAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .Produces<VolunteerWritten>()
            .WithSummary("Erase the volunteer's personal data on their request (crypto-shredding): name, phone and home can never be read again; hours and deliveries still count.");
        api.MapPut("/volunteers/{id:guid}/availability", SetAvailabilityAsync)
            .RequireRoles(Roles.Volunteer, Roles.Supervisor, Roles.Admin)
            .Produces<VolunteerWritten>()
            .WithSummary("Replace the weekly availability: recurring slots (days, from, to; local time).");
        api.MapPost("/volunteers/{id:guid}/background-check", RecordBackgroundCheckAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .Produces<VolunteerWritten>()
            .WithSummary("Record the background check (required for any task with a child).");
        api.MapPost("/volunteers/{id:guid}/suspend", SuspendAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .Produces<VolunteerWritten>()
            .WithSummary("Suspend a volunteer: no new tasks are offered to them.");
        api.MapPost("/volunteers/{id:guid}/reactivate", ReactivateAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .Produces<VolunteerWritten>()
            .WithSummary("Reactivate a suspended volunteer.");
    }

    private static async Task<IResult> RegisterAsync(
        RegisterVolunteerRequest request, ClaimsPrincipal principal, IDocumentStore store, IPersonalKeyStore personalKeys, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var selfRegistration = !user.IsIn(Roles.Supervisor) && !user.IsIn(Roles.Admin);
        var validator = new RequestValidator();
        var stationId = validator.RequiredId(request.StationId, "stationId");
        var name = validator.RequiredText(request.Name, "name", 100);
        var phone = validator.RequiredText(request.Phone, "phone", 32);
        var home = RequiredPosition(validator, request.Home, "home");
        var skills = validator.List(request.Skills, "skills", 10);
        validator.Check(skills.Count > 0, "skills", "must name at least one skill.");
        var languages = validator.List(request.Languages, "languages", 10);
        foreach (var language in languages) validator.Check(!string.IsNullOrWhiteSpace(language) && language.Length <= 16, "languages", "must be language tags such as zh-CN.");
        var maxLoad = request.MaxLoad ?? DefaultMaxLoad;
        validator.Check(maxLoad is >= 1 and <= 50, "maxLoad", "must be between 1 and 50.");
        validator.Check(request.VolunteerId != Guid.Empty, "volunteerId", "must not be the empty id.");
        if (selfRegistration)
            validator.Check(request.VolunteerId is null || request.VolunteerId == user.Id, "volunteerId", "must be your own user id.");
        validator.ThrowIfInvalid();
        if (!selfRegistration && !user.MayActFor(stationId))
            return TypedResults.Problem(statusCode: 403, detail: "You may register volunteers only for your own station.");

        var volunteerId = selfRegistration ? user.Id : request.VolunteerId ?? Guid.CreateVersion7();
        // The key is made (and committed in the key store) before the event it seals; none for an erased volunteer.
        var key = await personalKeys.GetOrCreateAsync(volunteerId, cancellationToken)
            ?? throw new DomainRuleViolation("volunteer.erased", $"Volunteer {volunteerId}'s personal data was erased: nothing more is recorded of them.");
        var person = new VolunteerPerson(name, phone, home);
        bool sameAsStored;
        await using (var query = store.QuerySession())
            sameAsStored = (await query.LoadAsync<Volunteer>(volunteerId, cancellationToken))?.Person(key) is { } stored
                && stored.Name == name && stored.Phone == phone;
        var command = new RegisterVolunteer(volunteerId, stationId, PersonalData.SealJson(key, person), skills.Distinct().ToList(),
            languages.Select(l => l.Trim()).ToList(), request.IsSenior ?? false, maxLoad, user.Id, clock.GetUtcNow(), sameAsStored);
        return await store.DecideOrStartOverHttpAsync<Volunteer, IResult>(
            volunteerId, http, state => VolunteerDecider.Decide(state, command),
            (decision, _) => decision.CreatedUnlessRepeated($"/volunteers/{volunteerId}", new VolunteerWritten(volunteerId, decision.Version)), cancellationToken);
    }

    private static async Task<Ok<VolunteerView>> GetAsync(Guid id, ClaimsPrincipal principal, IDocumentSession session, IPersonalKeyStore personalKeys,
        TimeProvider clock, HttpResponse response, CancellationToken cancellationToken)
    {
        var v = await session.LoadAsync<Volunteer>(id, cancellationToken) ?? throw new RecordNotFound("Volunteer", id);
        var user = CurrentUser.From(principal);
        EnsureMaySee(user, v.Id, v.StationId);
        var person = v.Person(await personalKeys.FindAsync(v.Id, cancellationToken));
        // Someone else's read of their name, phone and home is recorded before anything is returned.
        if (person is not null && user.Id != v.Id)
            await session.RecordShownAsync(response,
                [new VolunteerRecordRead(v.StationId, v.Id, VolunteerRecordRead.Record, 1, user.Id, user.RoleCodes, clock.GetUtcNow())],
                cancellationToken);
        ExpectedVersion.SetETag(response, v.Version);
        return TypedResults.Ok(new VolunteerView(v.Id, v.StationId, person?.Name, person?.Phone, person?.Home, v.Skills, v.Languages, v.IsSenior,
            v.MaxLoad, v.Availability, v.BackgroundCheck, v.Status, v.RegisteredAt, v.Version));
    }

    /// <summary>
    /// The key first, with the erasure log: once that commits the volunteer is unreadable, and were
    /// the event to fail, the log erases them again at the next start.
    /// </summary>
    private static async Task<IResult> EraseAsync(
        Guid id, ClaimsPrincipal principal, IDocumentStore store, IPersonalKeyStore personalKeys, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        await using (var query = store.QuerySession())
        {
            var current = await query.LoadAsync<Volunteer>(id, cancellationToken) ?? throw new RecordNotFound("Volunteer", id);
            user.EnsureCanSee(current.StationId, "Volunteer", id);
        }
        await personalKeys.EraseAsync([new ErasedSubject(id, VolunteerErasure.Kind, now)], cancellationToken);
        return await DecideAsync(id, user, store, http, allowSelf: false,
            state => VolunteerDecider.Decide(state, new EraseVolunteer(id, user.Id, now)), cancellationToken);
    }

    private static Task<IResult> SetAvailabilityAsync(
        Guid id, AvailabilityRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var slots = validator.List(request.Slots, "slots", 21);
        validator.Check(request.Slots is not null, "slots", "is required (an empty list clears the availability).");
        var parsed = new List<AvailabilitySlot>();
        for (var i = 0; i < slots.Count; i++)
        {
            var days = validator.List(slots[i].Days, $"slots[{i}].days", 7);
            validator.Check(days.Count > 0, $"slots[{i}].days", "must name at least one day.");
            var from = validator.Required(slots[i].From, $"slots[{i}].from");
            var to = validator.Required(slots[i].To, $"slots[{i}].to");
            parsed.Add(new AvailabilitySlot(days.Distinct().Order().ToList(), from, to));
        }
        validator.ThrowIfInvalid();
        return DecideAsync(id, user, store, http, allowSelf: true,
            state => VolunteerDecider.Decide(state, new SetAvailability(id, parsed, user.Id, clock.GetUtcNow())), cancellationToken);
    }

    private static Task<IResult> RecordBackgroundCheckAsync(
        Guid id, BackgroundCheckRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var status = validator.Required(request.Status, "status");
        validator.ThrowIfInvalid();
        return DecideAsync(id, user, store, http, allowSelf: false,
            state => VolunteerDecider.Decide(state, new RecordBackgroundCheck(id, status, user.Id, clock.GetUtcNow())), cancellationToken);
    }

    private static Task<IResult> SuspendAsync(
        Guid id, SuspendRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var reason = validator.RequiredText(request.Reason, "reason", 500);
        validator.ThrowIfInvalid();
        return DecideAsync(id, user, store, http, allowSelf: false,
            state => VolunteerDecider.Decide(state, new SuspendVolunteer(id, reason, user.Id, clock.GetUtcNow())), cancellationToken);
    }

    private static Task<IResult> ReactivateAsync(
        Guid id, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        return DecideAsync(id, user, store, http, allowSelf: false,
            state => VolunteerDecider.Decide(state, new ReactivateVolunteer(id, user.Id, clock.GetUtcNow())), cancellationToken);
    }

    /// <summary>A volunteer sees their own record; a coordinator those of their station; anyone else gets 404.</summary>
    public static void EnsureMaySee(CurrentUser user, Guid volunteerId, Guid stationId)
    {
        if (user.Id == volunteerId && user.IsIn(Roles.Volunteer)) return;
        if (user.IsIn(Roles.Supervisor) || user.IsIn(Roles.Admin)) { user.EnsureCanSee(stationId, "Volunteer", volunteerId); return; }
        throw new RecordNotFound("Volunteer", volunteerId);
    }

    /// <summary>A command on a volunteer's record: by themself only where <paramref name="allowSelf"/>, else by their station's staff.</summary>
    private static Task<IResult> DecideAsync(
        Guid id, CurrentUser user, IDocumentStore store, HttpContext http, bool allowSelf,
        Func<Volunteer, IReadOnlyList<object>> decide, CancellationToken cancellationToken) =>
        store.DecideOverHttpAsync<Volunteer>(id, http,
            state =>
            {
                if (allowSelf) EnsureMaySee(user, id, state.StationId);
                else user.EnsureCanSee(state.StationId, "Volunteer", id);
            },
            decide, decided => TypedResults.Ok(new VolunteerWritten(id, decided.Decision.Version)), cancellationToken);

    public static Position RequiredPosition(RequestValidator validator, PositionRequest? request, string field)
    {
        var latitude = validator.Required(request?.Latitude, $"{field}.latitude");
        var longitude = validator.Required(request?.Longitude, $"{field}.longitude");
        var position = new Position(latitude, longitude);
        if (request?.Latitude is not null && request.Longitude is not null)
            validator.Check(position.IsValid, field, "must be a latitude in [-90, 90] and a longitude in [-180, 180].");
        return position;
    }
}
