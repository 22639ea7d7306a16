// 志愿服务时长: a station's volunteer hours for the month, the volunteers' side of the station's ledger.
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Reports;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Contracts.V1;
using Marten;

namespace FiveSocieties.Volunteers.TimeBank;

/// <summary>A volunteer's hours credited in the month, by what they were for: an id and counts, never a name.</summary>
public sealed record VolunteerMonthHours(Guid VolunteerId, decimal Hours, decimal DeliveryHours, decimal VisitHours, decimal ReportedHours, int Entries);

/// <summary>
/// The hours the station's volunteers were credited in a month (by the entry's credit time in the
/// station's calendar): in total, by source, and per volunteer for the station's own staff only.
/// </summary>
public sealed record StationVolunteerHours(
    Guid StationId, string Month, DateOnly FirstDay, DateOnly LastDay, DateTimeOffset AsOf, decimal TotalHours,
    IReadOnlyDictionary<string, decimal> HoursBySource, int VolunteersCredited, int Entries, bool ListsVolunteers,
    IReadOnlyList<VolunteerMonthHours> Volunteers)
{
    public static StationVolunteerHours Of(
        Guid stationId, ReportMonth month, LocalCalendar calendar, DateTimeOffset asOf, IEnumerable<TimeBankAccount> accounts, bool listsVolunteers)
    {
        var (start, end) = (month.Start(calendar), month.End(calendar));
        var rows = accounts
            .Select(a => (a.VolunteerId, Entries: a.Entries.Where(e => e.CreditedAt >= start && e.CreditedAt < end).ToList()))
            .Where(a => a.Entries.Count > 0)
            .Select(a => new VolunteerMonthHours(a.VolunteerId, a.Entries.Sum(e => e.Hours), Sum(a.Entries, HoursSource.Delivery),
                Sum(a.Entries, HoursSource.Visit), Sum(a.Entries, HoursSource.Reported), a.Entries.Count))
            .OrderBy(r => r.VolunteerId)
            .ToList();
        var bySource = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            [nameof(HoursSource.Delivery)] = rows.Sum(r => r.DeliveryHours),
            [nameof(HoursSource.Visit)] = rows.Sum(r => r.VisitHours),
            [nameof(HoursSource.Reported)] = rows.Sum(r => r.ReportedHours),
        };
        return new StationVolunteerHours(stationId, month.ToString(), month.FirstDay, month.LastDay, asOf,
            rows.Sum(r => r.Hours), bySource, rows.Count, rows.Sum(r => r.Entries), listsVolunteers, listsVolunteers ? rows : []);
    }

    private static decimal Sum(IEnumerable<LedgerEntry> entries, HoursSource source) => entries.Where(e => e.Source == source).Sum(e => e.Hours);
}

public static class StationHoursEndpoint
{
    private static readonly LocalText FileName = new("志愿服务时长", "volunteer-hours");

    public static void MapStationHours(this IEndpointRouteBuilder api) =>
        api.MapGet("/stations/{id:guid}/volunteer-hours", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Coordinator, Roles.Admin)
            .ProducesReport<StationVolunteerHours>()
            .WithSummary("志愿服务时长: the hours the station's volunteers were credited in a month (?month=yyyy-MM), by source, per volunteer for the station's own staff; ?format=xlsx or csv downloads it, audited.");

    private static async Task<IResult> GetAsync(
        Guid id, ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, TimeProvider clock, LocalCalendar calendar,
        HttpContext http, CancellationToken cancellationToken, string? month = null, string? format = null)
    {
        var now = clock.GetUtcNow();
        var (asked, answerAs, _) = ReportRequest.ForStation(month, format, calendar.Today(now));
        var user = CurrentUser.From(principal);
        var ownStaff = user.StationId == id;
        if (!ownStaff && !user.IsIn(Roles.Admin)) throw new RecordNotFound("Station", id);

        var accounts = await session.Query<TimeBankAccount>().Where(a => a.StationId == id).ToListAsync(cancellationToken);
        var hours = StationVolunteerHours.Of(id, asked, calendar, now, accounts, ownStaff);
        var language = http.AnswerInReaderLanguage();
        if (answerAs == ReportFormat.Json) return TypedResults.Ok(hours);

        var sheets = Sheets(hours, language);
        await ReportExports.RecordAsync(store, user, "volunteer-hours", id.ToString(), id, null, asked, answerAs,
            sheets.Sum(s => s.Rows.Count), now, cancellationToken);
        return ReportFile.Answer(answerAs, $"{FileName.In(language)}_{asked}", sheets, language);
    }

    private static IReadOnlyList<ReportSheet> Sheets(StationVolunteerHours hours, ReaderLanguage language)
    {
        var totals = new ReportSheet(new("月度汇总", "Month totals"), [new("项目", "Item"), new("数量", "Count")],
        [
            [new LocalText("月份", "Month").In(language), hours.Month],
            [new LocalText("服务时长（小时）", "Hours").In(language), hours.TotalHours],
            [new LocalText("其中送餐", "Of which meal deliveries").In(language), hours.HoursBySource[nameof(HoursSource.Delivery)]],
            [new LocalText("其中探访", "Of which visits").In(language), hours.HoursBySource[nameof(HoursSource.Visit)]],
            [new LocalText("其中自报并确认", "Of which reported and confirmed").In(language), hours.HoursBySource[nameof(HoursSource.Reported)]],
            [new LocalText("服务的志愿者（人）", "Volunteers credited").In(language), hours.VolunteersCredited],
            [new LocalText("记录（条）", "Entries").In(language), hours.Entries],
        ]);
        if (!hours.ListsVolunteers) return [totals];
        var rows = hours.Volunteers.Select(v => (IReadOnlyList<object?>)
                [v.VolunteerId.ToString(), v.Hours, v.DeliveryHours, v.VisitHours, v.ReportedHours, v.Entries])
            .Append([ReportFile.Total.In(language), hours.TotalHours, hours.HoursBySource[nameof(HoursSource.Delivery)],
                hours.HoursBySource[nameof(HoursSource.Visit)], hours.HoursBySource[nameof(HoursSource.Reported)], hours.Entries])
            .ToList();
        return
        [
            totals,
            new ReportSheet(new("志愿者明细", "Per volunteer"),
                [new("志愿者编号", "Volunteer id"), new("时长（小时）", "Hours"), new("送餐", "Deliveries"), new("探访", "Visits"),
                 new("自报并确认", "Reported"), new("记录（条）", "Entries")], rows),
        ];
    }
}
