// 动态民情图: the station's grids (网格) at a glance — who lives there by group and category, what
// they still need, whose visit is overdue, which meals were missed — as JSON or as GeoJSON.
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Dashboards;
using FiveSocieties.Contracts.V1;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
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
    /// <summary>
    /// The grids as PostgreSQL counts them, in a stable order (ordinal, as .NET compares: the
    /// database's collation need not agree); the centroid is the mean of the clients' (rounded)
    /// positions, null when none is known.
    /// </summary>
    public static StationSituationMap From(Guid stationId, IEnumerable<GridCounts> grids, DateTimeOffset now) =>
        new(stationId, now, grids
            .OrderBy(g => g.District, StringComparer.Ordinal).ThenBy(g => g.Township, StringComparer.Ordinal)
            .ThenBy(g => g.Grid, StringComparer.Ordinal)
            .Select(g => new GridSituation(g.District, g.Township, g.Grid, g.Clients,
                Sorted(g.ByClientGroup), Sorted(g.ByCategory), g.OpenNeeds, Sorted(g.OpenNeedsByCategory),
                g.OverdueVisits, g.MissedDeliveries, g.SafetyChecksRequired,
                g.Positions == 0 ? null : new GeoPoint(Math.Round(g.Latitude!.Value, 6), Math.Round(g.Longitude!.Value, 6))))
            .ToList());

    private static Dictionary<string, int> Sorted(IReadOnlyDictionary<string, int>? counts) =>
        (counts ?? new Dictionary<string, int>()).OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value);

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
            .ProducesContent(GeoJsonContentType, OpenApiAnswers.Body.Json)
            .WithSummary("动态民情图: per grid, clients by group and category, open needs, overdue visits, missed meals (7 days); ?format=geojson for RFC 7946 GeoJSON.");

    private static async Task<Results<Ok<StationSituationMap>, ContentHttpResult>> GetAsync(
        Guid id, string? format, ClaimsPrincipal principal, IQuerySession session, TimeProvider clock,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var v = new RequestValidator();
        v.Check(format is null or "json" or "geojson", "format", "must be json or geojson.");
        v.ThrowIfInvalid();
        CurrentUser.From(principal).EnsureCanSee(id, "Station", id);
        var now = clock.GetUtcNow();
        var map = StationSituationMap.From(id, await GridCounts.OfAsync(session, id, now, cancellationToken), now);
        return format == "geojson"
            ? TypedResults.Text(map.ToGeoJson(json.Value.SerializerOptions).ToJsonString(), GeoJsonContentType)
            : TypedResults.Ok(map);
    }
}

/// <summary>
/// One grid's counts over the station's open and active cases, as PostgreSQL computes them from the
/// case table's columns (no case file read). Latitude and longitude are the exact (numeric) means.
/// </summary>
public sealed record GridCounts(
    string District, string Township, string Grid, int Clients,
    Dictionary<string, int>? ByClientGroup, Dictionary<string, int>? ByCategory, int OpenNeeds, Dictionary<string, int>? OpenNeedsByCategory,
    int OverdueVisits, int MissedDeliveries, int SafetyChecksRequired, int Positions, double? Latitude, double? Longitude)
{
    public static async Task<IReadOnlyList<GridCounts>> OfAsync(IQuerySession session, Guid stationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var missedSince = now - StationDashboard.MissedDeliveryWindow;
        // The keyed counts are grouped by grid and key first, then folded into one object per grid.
        var sql = $"""
            with o as materialized (
                select id, location_district d, location_township t, location_grid g, client_group, category_names, live_need_categories,
                       next_visit_due_at, missed_delivery_times, safety_check_required, approximate_latitude, approximate_longitude
                from {session.CaseTable()}
                where station_id = ? and status <> 'Closed'),
            by_group as (select d, t, g, jsonb_object_agg(k, n) j from (select d, t, g, client_group k, count(*) n from o group by 1, 2, 3, 4) x group by 1, 2, 3),
            by_category as (select d, t, g, jsonb_object_agg(k, n) j from (select d, t, g, k, count(distinct o.id) n from o, unnest(o.category_names) k group by 1, 2, 3, 4) x group by 1, 2, 3),
            by_need as (select d, t, g, jsonb_object_agg(k, n) j from (select d, t, g, k, count(*) n from o, unnest(o.live_need_categories) k group by 1, 2, 3, 4) x group by 1, 2, 3),
            grids as (
                select d, t, g, count(*) clients, coalesce(sum(cardinality(live_need_categories)), 0) open_needs,
                       count(*) filter (where next_visit_due_at < ?) overdue,
                       coalesce(sum((select count(*) from unnest(missed_delivery_times) m where m > ? and m <= ?)), 0) missed,
                       count(*) filter (where safety_check_required) safety,
                       count(approximate_latitude) positions,
                       avg(approximate_latitude::numeric) latitude, avg(approximate_longitude::numeric) longitude
                from o group by 1, 2, 3)
            select jsonb_build_object(
                'district', grids.d, 'township', grids.t, 'grid', grids.g, 'clients', clients,
                'byClientGroup', by_group.j, 'byCategory', by_category.j, 'openNeeds', open_needs, 'openNeedsByCategory', by_need.j,
                'overdueVisits', overdue, 'missedDeliveries', missed, 'safetyChecksRequired', safety,
                'positions', positions, 'latitude', latitude, 'longitude', longitude)
            from grids
            left join by_group using (d, t, g)
            left join by_category using (d, t, g)
            left join by_need using (d, t, g)
            """;
        return await session.QueryAsync<GridCounts>(sql, cancellationToken, stationId, now, missedSince, now);
    }
}
