// 动态民情图: the station's grids (网格) at a glance — who lives there by group and category, what
// they still need, whose visit is overdue, which meals were missed — as JSON or as GeoJSON.
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Cases.Dashboards;
using FiveSocieties.Contracts.V1;
using Marten;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace FiveSocieties.Cases.SituationMap;

public sealed record GridSituation(
    string District, string Township, string Grid, int Clients,
    IReadOnlyDictionary<string, int> ClientsByGroup,
    IReadOnlyDictionary<string, int> ClientsByCategory,
    int OpenNeeds,
    IReadOnlyDictionary<string, int> OpenNeedsByCategory,
    int OverdueVisits, int MissedDeliveriesLast7Days, int SafetyChecksRequired,
    GeoPoint? Centroid);

public sealed record StationSituationMap(Guid StationId, DateTimeOffset AsOf, IReadOnlyList<GridSituation> Grids)
{
    /// <summary>Open and active cases grouped by grid; the centroid is the mean of the clients' (rounded) positions, null when none is known.</summary>
    public static StationSituationMap From(Guid stationId, IEnumerable<Case> cases, DateTimeOffset now) =>
        new(stationId, now, cases.Where(c => c.Status != CaseStatus.Closed)
            .GroupBy(c => (c.Location.District, c.Location.Township, c.Location.Grid))
            .OrderBy(g => g.Key.District, StringComparer.Ordinal).ThenBy(g => g.Key.Township, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Grid, StringComparer.Ordinal)
            .Select(g =>
            {
                var list = g.ToList();
                var live = list.SelectMany(c => c.Needs).Where(n => n.IsLive).ToList();
                var positions = list.Where(c => c.ApproximatePosition is not null).Select(c => c.ApproximatePosition!).ToList();
                return new GridSituation(g.Key.District, g.Key.Township, g.Key.Grid, list.Count,
                    Count(list.Select(c => c.ClientGroup.ToString())),
                    Count(list.SelectMany(c => c.Categories.Distinct()).Select(c => c.ToString())),
                    live.Count, Count(live.Select(n => n.Category.ToString())),
                    list.Count(c => VisitSchedule.IsOverdue(c, now)),
                    list.Sum(c => StationDashboard.MissedSince(c, now)),
                    list.Count(c => c.SafetyCheckRequired),
                    positions.Count == 0 ? null
                        : new GeoPoint(Math.Round(positions.Average(p => p.Latitude), 6), Math.Round(positions.Average(p => p.Longitude), 6)));
            }).ToList());

    private static Dictionary<string, int> Count(IEnumerable<string> values) =>
        values.GroupBy(v => v, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// RFC 7946: a FeatureCollection with one Feature per grid, a Point at the centroid with
    /// coordinates [longitude, latitude] (WGS 84), or a null geometry when no position is known.
    /// </summary>
    public JsonObject ToGeoJson(JsonSerializerOptions options)
    {
        var features = new JsonArray();
        foreach (var grid in Grids)
        {
            var properties = JsonSerializer.SerializeToNode(grid with { Centroid = null }, options)!.AsObject();
            properties.Remove("centroid");
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["id"] = $"{grid.District}/{grid.Township}/{grid.Grid}",
                ["geometry"] = grid.Centroid is { } c
                    ? new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(c.Longitude, c.Latitude) }
                    : null,
                ["properties"] = properties,
            });
        }
        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
    }
}

public static class SituationMapEndpoint
{
    public const string GeoJsonContentType = "application/geo+json";

    public static void MapSituationMap(this IEndpointRouteBuilder api) =>
        api.MapGet("/stations/{id:guid}/situation-map", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin)
            .WithSummary("动态民情图: per grid, clients by group and category, open needs, overdue visits, missed meals (7 days); ?format=geojson for RFC 7946 GeoJSON.");

    private static async Task<IResult> GetAsync(
        Guid id, string? format, ClaimsPrincipal principal, IQuerySession session, TimeProvider clock,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var v = new RequestValidator();
        v.Check(format is null or "json" or "geojson", "format", "must be json or geojson.");
        v.ThrowIfInvalid();
        var cases = await session.CasesOfStationAsync(CurrentUser.From(principal), id, c => c.Status != CaseStatus.Closed, cancellationToken);
        var map = StationSituationMap.From(id, cases, clock.GetUtcNow());
        return format == "geojson"
            ? TypedResults.Text(map.ToGeoJson(json.Value.SerializerOptions).ToJsonString(), GeoJsonContentType)
            : TypedResults.Ok(map);
    }
}
