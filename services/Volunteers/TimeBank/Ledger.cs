using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.TimeBank;

public enum ReportStatus { Pending, Confirmed, Rejected }

public sealed record LedgerEntry(Guid EntryId, decimal Hours, HoursSource Source, Guid? TaskId, string? Note, DateTimeOffset CreditedAt);

public sealed record HoursReport(Guid ReportId, decimal Hours, DateOnly Date, string Note, ReportStatus Status, DateTimeOffset ReportedAt);

/// <summary>One side of an entry: an account (a station's pool or a volunteer) and a signed amount.</summary>
public sealed record Posting(string Account, decimal Hours);

/// <summary>A volunteer's time-bank account as its entries made it (kept inline; GET /volunteers/{id}/hours).</summary>
public sealed record TimeBankAccount(Guid Id, Guid VolunteerId, Guid StationId, long Version)
{
    public IReadOnlyList<LedgerEntry> Entries { get; init; } = [];
    public IReadOnlyList<HoursReport> Reports { get; init; } = [];
    public decimal Balance { get; init; }

    public static Guid IdFor(Guid volunteerId) => DeterministicId.For("time-bank", volunteerId);

    public static TimeBankAccount Create(HoursCredited e) => new TimeBankAccount(IdFor(e.VolunteerId), e.VolunteerId, e.StationId, 1).Apply(e);

    public static TimeBankAccount Create(HoursReported e) => new TimeBankAccount(IdFor(e.VolunteerId), e.VolunteerId, e.StationId, 1).Apply(e);

    public TimeBankAccount Apply(HoursCredited e) => this with
    {
        Entries = [.. Entries, new LedgerEntry(e.EntryId, e.Hours, e.Source, e.TaskId, e.Note, e.CreditedAt)],
        Reports = Reports.Select(r => r.ReportId == e.EntryId ? r with { Status = ReportStatus.Confirmed } : r).ToList(),
        Balance = Balance + e.Hours,
    };

    public TimeBankAccount Apply(HoursReported e) => this with
    {
        Reports = [.. Reports, new HoursReport(e.ReportId, e.Hours, e.Date, e.Note, ReportStatus.Pending, e.ReportedAt)],
    };

    public TimeBankAccount Apply(ReportedHoursRejected e) => this with
    {
        Reports = Reports.Select(r => r.ReportId == e.ReportId ? r with { Status = ReportStatus.Rejected } : r).ToList(),
    };
}

public sealed record CreditHours(Guid EntryId, Guid VolunteerId, Guid StationId, decimal Hours, HoursSource Source, Guid? TaskId, string? Note, DateTimeOffset At);

/// <param name="At">When it was reported on the phone (perhaps offline).</param>
/// <param name="RecordedAt">When it reached us, when not at <paramref name="At"/>.</param>
public sealed record ReportHours(
    Guid ReportId, Guid VolunteerId, Guid StationId, decimal Hours, DateOnly Date, string Note, DateTimeOffset At, DateTimeOffset? RecordedAt = null);

public sealed record ConfirmReportedHours(Guid ReportId, Guid VolunteerId, Guid StationId, DateTimeOffset At);

public sealed record RejectReportedHours(Guid ReportId, Guid VolunteerId, string Reason, Guid By, DateTimeOffset At);

/// <summary>The time bank's rules: positive hours, each entry once, reported hours count only once a coordinator confirms them.</summary>
public static class Ledger
{
    public const decimal MaxHoursPerEntry = 24m;

    /// <summary>The two postings of an entry: they always sum to zero.</summary>
    public static IReadOnlyList<Posting> Postings(HoursCredited e) =>
        [new Posting($"station-pool:{e.StationId:N}", -e.Hours), new Posting($"volunteer:{e.VolunteerId:N}", e.Hours)];

    public static IReadOnlyList<object> Decide(TimeBankAccount? state, CreditHours c)
    {
        if (state?.Entries.Any(e => e.EntryId == c.EntryId) == true) return [];
        CheckHours(c.Hours);
        return [new HoursCredited(c.EntryId, c.VolunteerId, c.StationId, c.Hours, c.Source, c.TaskId, c.Note, c.At)];
    }

    /// <summary>Reported for a day up to today, the station's today: at 07:00 in Beijing that is not yet UTC's.</summary>
    public static IReadOnlyList<object> Decide(TimeBankAccount? state, ReportHours c, LocalCalendar calendar)
    {
        if (state?.Reports.Any(r => r.ReportId == c.ReportId) == true) return [];
        CheckHours(c.Hours);
        if (c.Date > calendar.Today(c.At))
            throw new DomainRuleViolation("hours.in-the-future", "Hours can be reported only for today or days that have passed.");
        return [new HoursReported(c.ReportId, c.VolunteerId, c.StationId, c.Hours, c.Date, c.Note, c.At, c.RecordedAt)];
    }

    public static IReadOnlyList<object> Decide(TimeBankAccount? state, ConfirmReportedHours c)
    {
        var report = Report(state, c.ReportId);
        return report.Status switch
        {
            ReportStatus.Confirmed => [],
            ReportStatus.Rejected => throw new DomainRuleViolation("hours.report-rejected", "The report was rejected; it cannot be confirmed."),
            _ => [new HoursCredited(c.ReportId, c.VolunteerId, c.StationId, report.Hours, HoursSource.Reported, null, report.Note, c.At)],
        };
    }

    public static IReadOnlyList<object> Decide(TimeBankAccount? state, RejectReportedHours c)
    {
        var report = Report(state, c.ReportId);
        return report.Status switch
        {
            ReportStatus.Rejected => [],
            ReportStatus.Confirmed => throw new DomainRuleViolation("hours.report-confirmed", "The report was confirmed and credited already."),
            _ => [new ReportedHoursRejected(c.ReportId, c.VolunteerId, c.Reason, c.By, c.At)],
        };
    }

    private static HoursReport Report(TimeBankAccount? state, Guid reportId) =>
        state?.Reports.FirstOrDefault(r => r.ReportId == reportId) ?? throw new RecordNotFound("Hours report", reportId);

    private static void CheckHours(decimal hours)
    {
        if (hours <= 0 || hours > MaxHoursPerEntry)
            throw new DomainRuleViolation("hours.out-of-range", $"Hours must be more than 0 and at most {MaxHoursPerEntry}.");
    }
}
