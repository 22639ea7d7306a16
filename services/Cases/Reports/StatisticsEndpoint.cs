using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Reports;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Cases.Stations;
using FiveSocieties.Cases.Stations.Coverage;
using Marten;

namespace FiveSocieties.Cases.Reports;

public static class StatisticsEndpoint
{
    public static void MapStatistics(this IEndpointRouteBuilder api) =>
        api.MapGet("/statistics", GetAsync)
            .RequireRoles(Roles.DistrictOfficer, Roles.Admin)
            .ProducesReport<CityStatistics>()
            .WithSummary("区县/全市统计: coverage, open cases by group, category and risk, and the month's needs raised, matched and waiting with time to match; ?district= one district (a district officer's own, the default for them), none for the whole city (admins); ?month=yyyy-MM; ?format=xlsx or csv downloads it, audited.");

    private static async Task<IResult> GetAsync(
        ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, TimeProvider clock, LocalCalendar calendar,
        TextCatalogues texts, HttpContext http, CancellationToken cancellationToken,
        string? month = null, string? district = null, string? format = null)
    {
        var now = clock.GetUtcNow();
        var user = CurrentUser.From(principal);
        var (asked, answerAs, only) = ReportRequest.ForDistrict(user, month, format, district, calendar.Today(now));

        var districts = only is null
            ? (await session.Query<DistrictCoverage>().ToListAsync(cancellationToken)).OrderBy(d => d.DistrictCode, StringComparer.Ordinal).ToList()
            : [await session.LoadAsync<DistrictCoverage>(DivisionCodes.DistrictId(only), cancellationToken)
                ?? throw new RecordNotFound("District", only)];
        var rows = new List<DistrictStatistics>(districts.Count);
        foreach (var d in districts) rows.Add(await DistrictStatisticsQueries.OfAsync(session, d, asked, now, cancellationToken));
        var language = http.AnswerInReaderLanguage();
        var statistics = new CityStatistics(asked.ToString(), asked.FirstDay, asked.LastDay, now, rows,
            CityStatistics.Sum(rows, ReportFile.Total.In(language)));
        if (answerAs == ReportFormat.Json) return TypedResults.Ok(statistics);

        var sheets = StatisticsSheets.Of(statistics, texts, language);
        await ReportExports.RecordAsync(store, user, "district-statistics", only ?? "city", null, only, asked, answerAs,
            sheets.Sum(s => s.Rows.Count), now, cancellationToken);
        var scope = only is null ? StatisticsSheets.City.In(language) : rows[0].DistrictName;
        return ReportFile.Answer(answerAs, $"{StatisticsSheets.FileName.In(language)}_{scope}_{asked}", sheets, language);
    }
}
