using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Reports;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Notifications.Recipients;
using Marten;

namespace FiveSocieties.Notifications.Alarms;

public static class AlarmStatisticsEndpoint
{
    public static void MapAlarmStatistics(this IEndpointRouteBuilder api) =>
        api.MapGet("/alarm-statistics", GetAsync)
            .RequireRoles(Roles.DistrictOfficer, Roles.Admin)
            .ProducesReport<AlarmStatistics>(mayBeNotFound: false)
            .WithSummary("紧急告警统计: the urgent alarms raised in a month (?month=yyyy-MM) by the highest level reached and by rule, acknowledged and how fast; ?district= one district (a district officer's own, the default for them), none for the whole city (admins); ?format=xlsx or csv downloads it, audited.");

    private static async Task<IResult> GetAsync(
        ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, TimeProvider clock, LocalCalendar calendar,
        HttpContext http, CancellationToken cancellationToken, string? month = null, string? district = null, string? format = null)
    {
        var now = clock.GetUtcNow();
        var user = CurrentUser.From(principal);
        var (asked, answerAs, only) = ReportRequest.ForDistrict(user, month, format, district, calendar.Today(now));

        var places = only is null
            ? await session.Query<StationPlace>().ToListAsync(cancellationToken)
            : await session.Query<StationPlace>().Where(p => p.DistrictCode == only).ToListAsync(cancellationToken);
        Guid?[] stations = [.. places.Select(p => (Guid?)p.Id)];
        var (start, end) = (asked.Start(calendar), asked.End(calendar));
        var alarms = stations.Length == 0
            ? []
            : await session.Query<Alarm>().Where(a => a.StationId.IsOneOf(stations) && a.RaisedAt >= start && a.RaisedAt < end)
                .ToListAsync(cancellationToken);
        var districtOf = places.ToDictionary(p => p.Id, p => p.DistrictCode);
        var codes = only is null ? places.Select(p => p.DistrictCode).Distinct().Order(StringComparer.Ordinal).ToList() : [only];
        var rows = codes.Select(code => DistrictAlarmStatistics.Of(code, alarms.Where(a => districtOf[a.StationId!.Value] == code).ToList())).ToList();
        var statistics = new AlarmStatistics(asked.ToString(), asked.FirstDay, asked.LastDay, now, rows,
            DistrictAlarmStatistics.Of(AlarmStatistics.TotalCode, alarms));
        var language = http.AnswerInReaderLanguage();
        if (answerAs == ReportFormat.Json) return TypedResults.Ok(statistics);

        var sheets = AlarmStatisticsSheets.Of(statistics, language);
        await ReportExports.RecordAsync(store, user, "alarm-statistics", only ?? "city", null, only, asked, answerAs,
            sheets.Sum(s => s.Rows.Count), now, cancellationToken);
        var scope = only ?? AlarmStatisticsSheets.City.In(language);
        return ReportFile.Answer(answerAs, $"{AlarmStatisticsSheets.FileName.In(language)}_{scope}_{asked}", sheets, language);
    }
}
