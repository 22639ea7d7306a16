using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Stations;
using FiveSocieties.Contracts.V1;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Staff;

/// <summary>The roles a station's roster holds, as a request names them; a district officer goes on a district's roster.</summary>
public enum StationRole { Caseworker, Supervisor, Coordinator }

/// <summary>POST /stations/{id}/staff.</summary>
public sealed record JoinStationStaffRequest([property: Required] Guid? PersonId, [property: Required] StationRole? Role, string? Name);

/// <summary>PUT /stations/{id}/staff/{personId}.</summary>
public sealed record ChangeStaffRoleRequest([property: Required] StationRole? Role);

/// <summary>POST /districts/{code}/staff: everyone on a district's roster is a district officer, so the role may be left out.</summary>
public sealed record JoinDistrictStaffRequest([property: Required] Guid? PersonId, string? Name, StaffRole? Role);

public sealed record RosterMember(Guid PersonId, StaffRole Role, string? Name, DateTimeOffset Since);

public sealed record StationRoster(Guid StationId, string DistrictCode, IReadOnlyList<RosterMember> Staff);

public sealed record DistrictRoster(string DistrictCode, IReadOnlyList<RosterMember> Staff);

/// <summary>The person's roster stream after the write; its version is the ETag.</summary>
public sealed record StaffWritten(Guid PersonId, long Version);

public static class StaffEndpoints
{
    private const int MaxNameLength = 50;

    public static void MapStaffEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/stations/{id:guid}/staff", GetStationRosterAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Coordinator, Roles.DistrictOfficer, Roles.Admin)
            .WithSummary("The station's staff roster: who answers for what there. Its own staff, its district's officers and admins may read it.");
        api.MapPost("/stations/{id:guid}/staff", JoinStationAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .WithSummary("Put a person on the station's roster as caseworker, supervisor or coordinator; a person is on one roster at a time.");
        api.MapPut("/stations/{id:guid}/staff/{personId:guid}", ChangeRoleAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .WithSummary("Give a person on the station's roster another role there; the same role changes nothing.");
        api.MapDelete("/stations/{id:guid}/staff/{personId:guid}", LeaveStationAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .WithSummary("Take a person off the station's roster: from now on they answer for nothing there.");

        api.MapGet("/districts/{code}/staff", GetDistrictRosterAsync)
            .RequireRoles(Roles.DistrictOfficer, Roles.Admin)
            .WithSummary("The district's duty officers (区县民政值班), the last step of an alarm's escalation. The district's own officers and admins may read it.");
        api.MapPost("/districts/{code}/staff", JoinDistrictAsync)
            .RequireRoles(Roles.Admin)
            .WithSummary("Put a person on the district's roster as a duty officer; a person is on one roster at a time.");
        api.MapDelete("/districts/{code}/staff/{personId:guid}", LeaveDistrictAsync)
            .RequireRoles(Roles.Admin)
            .WithSummary("Take a duty officer off the district's roster.");
    }

    private static async Task<Ok<StationRoster>> GetStationRosterAsync(
        Guid id, ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var station = await session.LoadAsync<Station>(id, cancellationToken);
        // Its own staff, and the officers of its district (the next step of its alarms); anyone else is told it does not exist.
        var mayRead = user.IsIn(Roles.Admin) || user.StationId == id
            || (user.IsIn(Roles.DistrictOfficer) && user.DistrictCode is { } district && district == station?.DistrictCode);
        if (station is null || !mayRead) throw new RecordNotFound("Station", id);
        var staff = await session.Query<StaffMember>().Where(s => s.StationId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new StationRoster(id, station.DistrictCode, Listed(staff)));
    }

    private static async Task<Created<StaffWritten>> JoinStationAsync(
        Guid id, JoinStationStaffRequest request, ClaimsPrincipal principal, IQuerySession session, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var personId = validator.RequiredId(request.PersonId, "personId");
        var role = validator.Required(request.Role, "role");
        var name = OptionalName(validator, request.Name);
        validator.ThrowIfInvalid();

        var roster = await StationRosterForWriteAsync(session, user, id, cancellationToken);
        var command = new JoinRoster(personId, roster, ToStaffRole(role), name, user.Id, clock.GetUtcNow());
        return await DecideAsync(store, http, personId, state => StaffDecider.Decide(state, command), cancellationToken,
            written => TypedResults.Created($"/stations/{id}/staff", written));
    }

    private static async Task<Ok<StaffWritten>> ChangeRoleAsync(
        Guid id, Guid personId, ChangeStaffRoleRequest request, ClaimsPrincipal principal, IQuerySession session, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var role = validator.Required(request.Role, "role");
        validator.ThrowIfInvalid();

        var roster = await StationRosterForWriteAsync(session, user, id, cancellationToken);
        var command = new ChangeStaffRole(personId, roster, ToStaffRole(role), user.Id, clock.GetUtcNow());
        return await DecideAsync(store, http, personId, state => StaffDecider.Decide(state, command), cancellationToken, TypedResults.Ok);
    }

    private static async Task<Ok<StaffWritten>> LeaveStationAsync(
        Guid id, Guid personId, ClaimsPrincipal principal, IQuerySession session, IDocumentStore store, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var roster = await StationRosterForWriteAsync(session, user, id, cancellationToken);
        var command = new LeaveRoster(personId, roster, user.Id, clock.GetUtcNow());
        return await DecideAsync(store, http, personId, state => StaffDecider.Decide(state, command), cancellationToken, TypedResults.Ok);
    }

    private static async Task<Ok<DistrictRoster>> GetDistrictRosterAsync(
        string code, ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        ValidateDistrictCode(code);
        await RegisteredDistrictAsync(session, code, cancellationToken);
        if (!user.IsIn(Roles.Admin) && user.DistrictCode != code) throw new RecordNotFound("District", code);
        var staff = await session.Query<StaffMember>().Where(s => s.DistrictCode == code && s.StationId == null).ToListAsync(cancellationToken);
        return TypedResults.Ok(new DistrictRoster(code, Listed(staff)));
    }

    private static async Task<Created<StaffWritten>> JoinDistrictAsync(
        string code, JoinDistrictStaffRequest request, ClaimsPrincipal principal, IQuerySession session, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        validator.Check(DivisionCodes.IsDistrictCode(code), "code", "must be a 6-digit district code, e.g. 140213.");
        var personId = validator.RequiredId(request.PersonId, "personId");
        validator.Check(request.Role is null or StaffRole.DistrictOfficer, "role", "must be DistrictOfficer (or left out): a district's roster holds its duty officers only.");
        var name = OptionalName(validator, request.Name);
        validator.ThrowIfInvalid();

        await RegisteredDistrictAsync(session, code, cancellationToken);
        var command = new JoinRoster(personId, Roster.OfDistrict(code), StaffRole.DistrictOfficer, name, user.Id, clock.GetUtcNow());
        return await DecideAsync(store, http, personId, state => StaffDecider.Decide(state, command), cancellationToken,
            written => TypedResults.Created($"/districts/{code}/staff", written));
    }

    private static async Task<Ok<StaffWritten>> LeaveDistrictAsync(
        string code, Guid personId, ClaimsPrincipal principal, IQuerySession session, IDocumentStore store, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        ValidateDistrictCode(code);
        await RegisteredDistrictAsync(session, code, cancellationToken);
        var command = new LeaveRoster(personId, Roster.OfDistrict(code), user.Id, clock.GetUtcNow());
        return await DecideAsync(store, http, personId, state => StaffDecider.Decide(state, command), cancellationToken, TypedResults.Ok);
    }

    /// <summary>
    /// The station's roster, for its own supervisor or an admin: a supervisor of another station
    /// gets 404, as for any other record of that station, and so does an unknown station.
    /// </summary>
    private static async Task<Roster> StationRosterForWriteAsync(IQuerySession session, CurrentUser user, Guid stationId, CancellationToken cancellationToken)
    {
        user.EnsureCanSee(stationId, "Station", stationId);
        var station = await session.LoadAsync<Station>(stationId, cancellationToken) ?? throw new RecordNotFound("Station", stationId);
        return Roster.OfStation(station.Id, station.DistrictCode);
    }

    private static void ValidateDistrictCode(string code)
    {
        var validator = new RequestValidator();
        validator.Check(DivisionCodes.IsDistrictCode(code), "code", "must be a 6-digit district code, e.g. 140213.");
        validator.ThrowIfInvalid();
    }

    /// <summary>A district exists once its townships are registered (its stream then exists).</summary>
    private static async Task RegisteredDistrictAsync(IQuerySession session, string code, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<District>(DivisionCodes.DistrictId(code), cancellationToken) is null) throw new RecordNotFound("District", code);
    }

    /// <summary>One decision on the person's roster stream, which the first place on a roster starts.</summary>
    private static Task<TResult> DecideAsync<TResult>(
        IDocumentStore store, HttpContext http, Guid personId, Func<StaffMember?, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken, Func<StaffWritten, TResult> respond)
        where TResult : IResult =>
        store.DecideOrStartOverHttpAsync<StaffMember, TResult>(StaffMember.StreamId(personId), http, decide,
            (decision, _) => respond(new StaffWritten(personId, decision.Version)), cancellationToken);

    private static string? OptionalName(RequestValidator validator, string? name)
    {
        var trimmed = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (trimmed is { Length: > MaxNameLength }) validator.Fail("name", $"must be at most {MaxNameLength} characters.");
        return trimmed;
    }

    private static StaffRole ToStaffRole(StationRole role) => role switch
    {
        StationRole.Caseworker => StaffRole.Caseworker,
        StationRole.Supervisor => StaffRole.Supervisor,
        StationRole.Coordinator => StaffRole.Coordinator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown station role."),
    };

    private static IReadOnlyList<RosterMember> Listed(IEnumerable<StaffMember> staff) =>
        staff.Where(s => s.Role is not null)
            .Select(s => new RosterMember(s.PersonId, s.Role!.Value, s.Name, s.Since!.Value))
            .OrderBy(m => m.Role).ThenBy(m => m.Since).ThenBy(m => m.PersonId)
            .ToList();
}
