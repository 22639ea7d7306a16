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
            .Produces<CityStatistics>()
            .ProducesContent(ReportFile.XlsxContentType)
            .ProducesContent(ReportFile.CsvContentType, OpenApiAnswers.Body.Text)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("区县/全市统计: coverage, open cases by group, category and risk, and the month's needs raised, matched and waiting with time to match; ?district= one district (a district officer's own, the default for them), none for the whole city (admins); ?month=yyyy-MM; ?format=xlsx or csv downloads it, audited.");

    private static async Task<IResult> GetAsync(
        ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, TimeProvider clock, LocalCalendar calendar,
        TextCatalogues texts, HttpContext http, CancellationToken cancellationToken,
        string? month = null, string? district = null, string? format = null)
    {
        var now = clock.GetUtcNow();
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var asked = ReportMonth.Parse(month, calendar.Today(now), validator);
        var answerAs = ReportFile.ParseFormat(format, validator);
        district = string.IsNullOrWhiteSpace(district) ? null : district.Trim();
        validator.Check(district is null || DivisionCodes.IsDistrictCode(district), "district", "must be a 6-digit district code, e.g. 140213.");
        validator.ThrowIfInvalid();

        // A district officer reads its own district only, and that by default.
        if (!user.IsIn(Roles.Admin))
        {
            district ??= user.DistrictCode;
            if (district is null || district != user.DistrictCode)
                throw new ActionForbidden("report.district-not-yours",
                    $"district {district ?? "(none)"} is not yours: you read the statistics of district {user.DistrictCode ?? "(none)"} only.");
        }

        var districts = district is null
            ? (await session.Query<DistrictCoverage>().ToListAsync(cancellationToken)).OrderBy(d => d.DistrictCode, StringComparer.Ordinal).ToList()
            : [await session.LoadAsync<DistrictCoverage>(DivisionCodes.DistrictId(district), cancellationToken)
                ?? throw new RecordNotFound("District", district)];
        var rows = new List<DistrictStatistics>(districts.Count);
        foreach (var d in districts) rows.Add(await DistrictStatisticsQueries.OfAsync(session, d, asked, now, cancellationToken));
        var language = http.AnswerInReaderLanguage();
        var statistics = new CityStatistics(asked.ToString(), asked.FirstDay, asked.NextFirstDay.AddDays(-1), now, rows,
            CityStatistics.Sum(rows, ReportFile.Total.In(language)));
        if (answerAs == ReportFormat.Json) return TypedResults.Ok(statistics);

        var sheets = StatisticsSheets.Of(statistics, texts, language);
        await ReportExports.RecordAsync(store, user, "district-statistics", district ?? "city", null, district, asked, answerAs,
            sheets.Sum(s => s.Rows.Count), now, cancellationToken);
        var scope = district is null ? StatisticsSheets.City.In(language) : rows[0].DistrictName;
        return ReportFile.Answer(answerAs, $"{StatisticsSheets.FileName.In(language)}_{scope}_{asked}", sheets, language);
    }
}
