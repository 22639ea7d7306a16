using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.Registry;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.TimeBank;

/// <param name="ReportId">The phone's own id for the report: sent again, it is reported once.</param>
/// <param name="OccurredAt">When it was reported on the phone, when it was queued offline.</param>
public sealed record ReportHoursRequest(
    Guid? ReportId, [property: Required] decimal? Hours, [property: Required] DateOnly? Date, [property: Required] string? Note,
    DateTimeOffset? OccurredAt = null);

public sealed record RejectHoursRequest([property: Required] string? Reason);

public sealed record HoursStatement(Guid VolunteerId, Guid StationId, decimal Balance, IReadOnlyList<LedgerEntry> Entries, IReadOnlyList<HoursReport> Reports);

public sealed record HoursWritten(Guid VolunteerId, Guid ReportId, long Version);

public static class HoursEndpoints
{
    public static void MapHours(this IEndpointRouteBuilder api)
    {
        api.MapGet("/volunteers/{id:guid}/hours", StatementAsync)
            .RequireRoles(Roles.Volunteer, Roles.Supervisor, Roles.Admin)
            .WithSummary("时间银行 statement: credited hours, balance and reported hours awaiting confirmation.");
        api.MapPost("/volunteers/{id:guid}/hours", ReportAsync)
            .RequireRoles(Roles.Volunteer)
            .WithSummary("Report hours of your own; they count once a coordinator confirms them.");
        api.MapPost("/volunteers/{id:guid}/hours/{reportId:guid}/confirm", ConfirmAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .WithSummary("Confirm reported hours: the station pool is debited and the volunteer credited.");
        api.MapPost("/volunteers/{id:guid}/hours/{reportId:guid}/reject", RejectAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .WithSummary("Reject reported hours.");
    }

    private static async Task<Ok<HoursStatement>> StatementAsync(
        Guid id, ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken)
    {
        var volunteer = await VolunteerAsync(session, id, CurrentUser.From(principal), cancellationToken);
        var account = await session.LoadAsync<TimeBankAccount>(TimeBankAccount.IdFor(id), cancellationToken);
        return TypedResults.Ok(new HoursStatement(id, volunteer.StationId, account?.Balance ?? 0, account?.Entries ?? [], account?.Reports ?? []));
    }

    private static async Task<Ok<HoursWritten>> ReportAsync(Guid id, ReportHoursRequest request, ClaimsPrincipal principal, IQuerySession session, IDocumentStore store,
        TimeProvider clock, LocalCalendar calendar, VolunteersSettings settings, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var hours = validator.Required(request.Hours, "hours");
        var date = validator.Required(request.Date, "date");
        var note = validator.RequiredText(request.Note, "note", 500);
        validator.Check(request.ReportId != Guid.Empty, "reportId", "must not be the empty id.");
        validator.ThrowIfInvalid();
        var time = FieldTime.Resolve(request.OccurredAt, clock.GetUtcNow(), settings);
        var volunteer = await VolunteerAsync(session, id, user, cancellationToken);
        var reportId = request.ReportId ?? Guid.CreateVersion7();
        return await store.DecideOrStartOverHttpAsync<TimeBankAccount, Ok<HoursWritten>>(TimeBankAccount.IdFor(id), http,
            s => Ledger.Decide(s, new ReportHours(reportId, id, volunteer.StationId, hours, date, note, time.OccurredAt, time.RecordedAt), calendar),
            (decision, _) => TypedResults.Ok(new HoursWritten(id, reportId, decision.Version)), cancellationToken);
    }

    private static async Task<Ok<HoursWritten>> ConfirmAsync(Guid id, Guid reportId, ClaimsPrincipal principal, IQuerySession session, IDocumentStore store,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var volunteer = await VolunteerAsync(session, id, CurrentUser.From(principal), cancellationToken);
        // The decider answers for a volunteer with no account yet (the report is not there).
        return await store.DecideOrStartOverHttpAsync<TimeBankAccount, Ok<HoursWritten>>(TimeBankAccount.IdFor(id), http,
            s => Ledger.Decide(s, new ConfirmReportedHours(reportId, id, volunteer.StationId, clock.GetUtcNow())),
            (decision, _) => TypedResults.Ok(new HoursWritten(id, reportId, decision.Version)), cancellationToken);
    }

    private static async Task<Ok<HoursWritten>> RejectAsync(Guid id, Guid reportId, RejectHoursRequest request, ClaimsPrincipal principal,
        IQuerySession session, IDocumentStore store, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var reason = validator.RequiredText(request.Reason, "reason", 500);
        validator.ThrowIfInvalid();
        await VolunteerAsync(session, id, user, cancellationToken);
        return await store.DecideOrStartOverHttpAsync<TimeBankAccount, Ok<HoursWritten>>(TimeBankAccount.IdFor(id), http,
            s => Ledger.Decide(s, new RejectReportedHours(reportId, id, reason, user.Id, clock.GetUtcNow())),
            (decision, _) => TypedResults.Ok(new HoursWritten(id, reportId, decision.Version)), cancellationToken);
    }

    private static async Task<Volunteer> VolunteerAsync(IQuerySession session, Guid id, CurrentUser user, CancellationToken cancellationToken)
    {
        var volunteer = await session.LoadAsync<Volunteer>(id, cancellationToken) ?? throw new RecordNotFound("Volunteer", id);
        VolunteerEndpoints.EnsureMaySee(user, id, volunteer.StationId);
        return volunteer;
    }
}
