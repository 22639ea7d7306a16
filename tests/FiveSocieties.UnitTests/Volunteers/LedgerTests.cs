using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Volunteers.TimeBank;

namespace FiveSocieties.UnitTests.Volunteers;

public sealed class LedgerTests
{
    private static readonly Guid Station = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 18, 0, 0, TimeSpan.FromHours(8));
    private static readonly LocalCalendar Calendar = LocalCalendar.For(LocalCalendar.DefaultTimeZone);

    [Fact]
    public void Every_entry_debits_the_station_pool_what_it_credits_the_volunteer_so_the_books_sum_to_zero()
    {
        var random = new Random(7);
        var volunteers = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var entries = new List<HoursCredited>();
        foreach (var volunteer in volunteers)
        {
            TimeBankAccount? account = null;
            var events = new List<object>();
            for (var i = 0; i < 20; i++)
            {
                var hours = Math.Round((decimal)random.NextDouble() * 3 + 0.25m, 2);
                var decided = Ledger.Decide(account, new CreditHours(Guid.NewGuid(), volunteer, Station, hours, HoursSource.Delivery, Guid.NewGuid(), null, Now));
                events.AddRange(decided);
                account = History.Given<TimeBankAccount>(events.ToArray());
            }
            entries.AddRange(events.Cast<HoursCredited>());
            account!.Balance.ShouldBe(account.Entries.Sum(e => e.Hours));
        }
        var postings = entries.SelectMany(Ledger.Postings).ToList();
        postings.Sum(p => p.Hours).ShouldBe(0m);
        postings.Where(p => p.Account.StartsWith("station-pool:")).Sum(p => p.Hours).ShouldBe(-entries.Sum(e => e.Hours));
        foreach (var entry in entries) Ledger.Postings(entry).Sum(p => p.Hours).ShouldBe(0m);
    }

    [Fact]
    public void A_task_is_credited_once()
    {
        var volunteer = Guid.NewGuid();
        var credit = new CreditHours(Guid.NewGuid(), volunteer, Station, 0.5m, HoursSource.Delivery, Guid.NewGuid(), null, Now);
        var account = History.Given<TimeBankAccount>(Ledger.Decide(null, credit).ToArray());
        Ledger.Decide(account, credit).ShouldBeEmpty();
    }

    [Fact]
    public void Reported_hours_count_only_once_a_coordinator_confirms_them()
    {
        var volunteer = Guid.NewGuid();
        var reportId = Guid.NewGuid();
        var reported = Ledger.Decide(null, new ReportHours(reportId, volunteer, Station, 2m, new DateOnly(2026, 11, 29), "escorted Mr Zhao to hospital", Now), Calendar);
        var account = History.Given<TimeBankAccount>(reported.ToArray());
        account.Balance.ShouldBe(0m);
        account.Reports.ShouldHaveSingleItem().Status.ShouldBe(ReportStatus.Pending);
        var confirmed = Ledger.Decide(account, new ConfirmReportedHours(reportId, volunteer, Station, Now)).ShouldHaveSingleItem().ShouldBeOfType<HoursCredited>();
        confirmed.Source.ShouldBe(HoursSource.Reported);
        var after = History.Given<TimeBankAccount>([.. reported, confirmed]);
        after.Balance.ShouldBe(2m);
        after.Reports.ShouldHaveSingleItem().Status.ShouldBe(ReportStatus.Confirmed);
        Ledger.Decide(after, new ConfirmReportedHours(reportId, volunteer, Station, Now)).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => Ledger.Decide(after, new RejectReportedHours(reportId, volunteer, "no", Guid.NewGuid(), Now)))
            .Code.ShouldBe("hours.report-confirmed");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(25)]
    public void Hours_outside_zero_to_a_day_are_refused(decimal hours)
    {
        Should.Throw<DomainRuleViolation>(() => Ledger.Decide(null, new ReportHours(Guid.NewGuid(), Guid.NewGuid(), Station, hours,
            new DateOnly(2026, 11, 29), "x", Now), Calendar)).Code.ShouldBe("hours.out-of-range");
    }

    [Fact]
    public void Hours_may_be_reported_up_to_the_stations_today_and_not_for_its_tomorrow()
    {
        ReportHours On(DateOnly date, DateTimeOffset at) => new(Guid.NewGuid(), Guid.NewGuid(), Station, 1m, date, "早班 early shift", at);
        var earlyMorning = new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero); // 07:30 on 1 December in Beijing, 30 November in UTC
        var evening = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero); // 18:00 on 30 November in Beijing

        Ledger.Decide(null, On(new DateOnly(2026, 12, 1), earlyMorning), Calendar).ShouldHaveSingleItem().ShouldBeOfType<HoursReported>();
        Should.Throw<DomainRuleViolation>(() => Ledger.Decide(null, On(new DateOnly(2026, 12, 1), evening), Calendar))
            .Code.ShouldBe("hours.in-the-future");
    }
}
