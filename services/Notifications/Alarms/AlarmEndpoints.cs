using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Notifications.Alarms;

/// <summary>An alarm as a dashboard shows it, in the reader's language. <see cref="State"/>: unreached, open or acknowledged.</summary>
public sealed record AlarmView(
    Guid Id, string Rule, string State, string Title, string Body, Guid? StationId, Guid? CaseId, DateTimeOffset RaisedAt,
    int Level, AlarmAudience? LevelAudience, IReadOnlyList<AlarmStep> Reached, DateTimeOffset? NextStepAt, DateTimeOffset? UnreachedSince,
    DateTimeOffset? AcknowledgedAt, Guid? AcknowledgedBy, int? AcknowledgedLevel)
{
    public static AlarmView From(Alarm a, string language)
    {
        var message = Templates.Render(a.Rule, language, a.Parameters);
        var state = !a.IsOpen ? "acknowledged" : a.HasReachedAnyone ? "open" : "unreached";
        return new AlarmView(a.Id, a.Rule, state, message.Title, message.Body, a.StationId, a.CaseId, a.RaisedAt, a.HighestLevelReached,
            a.Reached.LastOrDefault()?.Audience, a.Reached, a.NextStepAt, a.UnreachedSince, a.AcknowledgedAt, a.AcknowledgedBy, a.AcknowledgedLevel);
    }
}

/// <summary>A dashboard's alarms: counts of the open ones and of those that reached nobody, then the alarms, unreached first.</summary>
public sealed record AlarmBoard(int Open, int Unreached, IReadOnlyList<AlarmView> Items);

public static class AlarmEndpoints
{
    private static readonly string[] States = ["open", "all"];

    public static void MapAlarms(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stations/{id:guid}/alarms", StationAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Coordinator, Roles.DistrictOfficer, Roles.Admin)
            .WithSummary("A station's urgent alarms: open ones (state=open, the default) or all; those that reached nobody first.");
        app.MapGet("/districts/{code}/alarms", DistrictAsync)
            .RequireRoles(Roles.DistrictOfficer, Roles.Admin)
            .WithSummary("The urgent alarms of every station of a district (its duty officers and admins).");
    }

    private static async Task<Ok<AlarmBoard>> StationAsync(Guid id, ClaimsPrincipal principal, IQuerySession session, CancellationToken ct,
        string? state = null)
    {
        var user = CurrentUser.From(principal);
        var all = ValidState(state);
        if (!user.IsIn(Roles.Admin) && user.StationId != id)
        {
            // A district officer reads the stations of their district; anyone else finds no such station.
            var place = user.IsIn(Roles.DistrictOfficer) ? await session.LoadAsync<StationPlace>(id, ct) : null;
            if (place is null || place.DistrictCode != user.DistrictCode) throw new BuildingBlocks.Domain.RecordNotFound("Station", id);
        }
        return TypedResults.Ok(await BoardAsync(session, user, [id], all, ct));
    }

    private static async Task<Results<Ok<AlarmBoard>, ProblemHttpResult>> DistrictAsync(
        string code, ClaimsPrincipal principal, IQuerySession session, CancellationToken ct, string? state = null)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        validator.Check(code is { Length: 6 } && code.All(char.IsAsciiDigit), "code", "must be a 6-digit district code, e.g. 140213.");
        validator.ThrowIfInvalid();
        var all = ValidState(state);
        if (!user.IsIn(Roles.Admin) && user.DistrictCode != code)
            return TypedResults.Problem(statusCode: 403, title: "Not your district.",
                detail: $"You read the alarms of district {user.DistrictCode ?? "(none)"} only.", extensions: new Dictionary<string, object?> { ["rule"] = "district.not-yours" });
        var stations = await session.Query<StationPlace>().Where(p => p.DistrictCode == code).Select(p => p.Id).ToListAsync(ct);
        return TypedResults.Ok(await BoardAsync(session, user, stations.ToArray(), all, ct));
    }

    private static bool ValidState(string? state)
    {
        var validator = new RequestValidator();
        validator.Check(state is null || States.Contains(state), "state", "must be open or all.");
        validator.ThrowIfInvalid();
        return state == "all";
    }

    private static async Task<AlarmBoard> BoardAsync(IQuerySession session, CurrentUser user, Guid[] stations, bool all, CancellationToken ct)
    {
        if (stations.Length == 0) return new AlarmBoard(0, 0, []);
        Guid?[] ids = [.. stations.Select(s => (Guid?)s)];
        var query = session.Query<Alarm>().Where(a => a.StationId.IsOneOf(ids));
        if (!all) query = query.Where(a => a.AcknowledgedAt == null);
        var alarms = await query.OrderByDescending(a => a.RaisedAt).Take(500).ToListAsync(ct);
        var language = await Readers.LanguageOf(session, user, ct);
        var items = alarms.OrderByDescending(a => a.IsUnreached).ThenByDescending(a => a.IsOpen).ThenByDescending(a => a.RaisedAt)
            .Select(a => AlarmView.From(a, language)).ToList();
        return new AlarmBoard(alarms.Count(a => a.IsOpen), alarms.Count(a => a.IsUnreached), items);
    }
}
