using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Stations.Coverage;

/// <summary>
/// A district's station coverage (the Datong report: "120 stations, 82.5% coverage"): townships
/// with a station registered in the national system, out of all its townships.
/// </summary>
public sealed record DistrictCoverageReport(
    string DistrictCode, string DistrictName, int Townships, int TownshipsWithRegisteredStation, double Coverage,
    int StationsRegistered, int Stations)
{
    public static DistrictCoverageReport From(DistrictCoverage district)
    {
        var withStation = district.Townships.Where(t => t.StationId is not null).ToList();
        var registered = withStation.Count(t => t.StationRegistered);
        // One station per township: a township with a registered station is a registered station.
        return new(district.DistrictCode, district.DistrictName, district.Townships.Count, registered,
            Ratio(registered, district.Townships.Count), registered, withStation.Count);
    }

    public static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 3, MidpointRounding.AwayFromZero);
}

public sealed record CityCoverageReport(
    int Townships, int TownshipsWithRegisteredStation, double Coverage, int StationsRegistered, int Stations,
    IReadOnlyList<DistrictCoverageReport> Districts);

public static class CoverageEndpoints
{
    /// <summary>Counts of townships and stations, no personal data: district officers follow them too.</summary>
    public static void MapCoverage(this IEndpointRouteBuilder api)
    {
        api.MapGet("/districts/{code}/coverage", GetDistrictAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.DistrictOfficer, Roles.Admin)
            .WithSummary("A district's station coverage: townships with a nationally registered station / all townships.");
        api.MapGet("/coverage", GetCityAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.DistrictOfficer, Roles.Admin)
            .WithSummary("Station coverage of the whole city: totals and one row per district.");
    }

    private static async Task<Ok<DistrictCoverageReport>> GetDistrictAsync(string code, IQuerySession session, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Check(DivisionCodes.IsDistrictCode(code), "code", "must be a 6-digit district code, e.g. 140213.");
        validator.ThrowIfInvalid();
        var district = await session.LoadAsync<DistrictCoverage>(DivisionCodes.DistrictId(code), cancellationToken)
            ?? throw new RecordNotFound("District", code);
        return TypedResults.Ok(DistrictCoverageReport.From(district));
    }

    private static async Task<Ok<CityCoverageReport>> GetCityAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var districts = (await session.Query<DistrictCoverage>().ToListAsync(cancellationToken))
            .Select(DistrictCoverageReport.From).OrderBy(d => d.DistrictCode, StringComparer.Ordinal).ToList();
        var townships = districts.Sum(d => d.Townships);
        var withRegistered = districts.Sum(d => d.TownshipsWithRegisteredStation);
        return TypedResults.Ok(new CityCoverageReport(townships, withRegistered, DistrictCoverageReport.Ratio(withRegistered, townships),
            districts.Sum(d => d.StationsRegistered), districts.Sum(d => d.Stations), districts));
    }
}
