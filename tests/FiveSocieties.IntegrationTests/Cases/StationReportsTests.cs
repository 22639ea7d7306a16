using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using MassTransit;
using MiniExcelLibs;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>
/// The station's monthly ledger (台账) and the district's statistics: their numbers equal what the
/// case files, timelines and dashboards say; the Excel and CSV files read back with the same
/// header and totals; clients are listed for the station's own staff only; every download is audited.
/// </summary>
public sealed class StationReportsTests(CasesWithNeighbours cases) : IClassFixture<CasesWithNeighbours>
{
    private static readonly LocalCalendar Beijing = LocalCalendar.For(LocalCalendar.DefaultTimeZone);
    private readonly Guid _caseworker = Guid.NewGuid();
    private HttpClient Caseworker => cases.ClientAs(Roles.Caseworker, _caseworker);
    private HttpClient Supervisor => cases.ClientAs(Roles.Supervisor);
    private HttpClient Admin => cases.ClientAs(Roles.Admin);

    private HttpClient OfficerOf(string district) => cases.Host.ClientAs(Roles.DistrictOfficer, districtCode: district);

    private DateOnly Today => Beijing.Today(cases.Clock.GetUtcNow());
    private string Month => Today.ToString("yyyy-MM");

    /// <summary>The fixture's station, opened once in a district of its own (its code derived from the station id).</summary>
    private async Task<string> StationDistrictAsync()
    {
        var district = "9" + (Math.Abs(cases.Station.GetHashCode()) % 100_000).ToString("00000");
        var station = await Admin.GetAsync($"/stations/{cases.Station}");
        if (station.StatusCode == HttpStatusCode.OK) return district;
        (await Admin.PostAsJsonAsync($"/districts/{district}/townships", new
        {
            districtName = "天镇县", townships = new[] { new { code = $"{district}001", name = "南河堡乡" }, new { code = $"{district}002", name = "谷前堡镇" } },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Admin.PostAsJsonAsync("/stations", new
        {
            stationId = cases.Station, districtCode = district, townshipCode = $"{district}001", name = "南河堡乡社工站", registeredInNationalSystem = true,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return district;
    }

    private async Task<Guid> CaseAsync(string group = "Elderly")
    {
        var (household, member) = await cases.RegisterClientAsync(Caseworker, idNumber: CasesWithNeighbours.IdNumber(Random.Shared.Next(1000)));
        return await cases.OpenCaseForAsync(Caseworker, household, member, group);
    }

    private Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        cases.Neighbours.Bus.Publish(message, context => { if (messageId is { } id) context.MessageId = id; });

    private async Task<IReadOnlyList<JsonElement>> TimelineAsync(Guid caseId) =>
        (await Json(await Caseworker.GetAsync($"/cases/{caseId}/timeline"))).EnumerateArray().ToList();

    private int InMonth(IEnumerable<JsonElement> timeline, string kind) =>
        timeline.Count(e => e.GetProperty("kind").GetString() == kind && Beijing.Today(e.GetProperty("at").GetDateTimeOffset()).ToString("yyyy-MM") == Month);

    private static JsonElement Row(JsonElement ledger, Guid caseId) =>
        ledger.GetProperty("clients").EnumerateArray().Single(c => c.GetProperty("caseId").GetGuid() == caseId);

    [Fact]
    public async Task The_ledger_counts_what_the_case_files_say_and_its_files_read_back_with_the_same_totals()
    {
        var district = await StationDistrictAsync();
        // The clock moves half an hour below; within an hour of the month's end, start in the next one instead.
        if (Beijing.Today(cases.Clock.GetUtcNow().AddHours(1)).Month != Today.Month) cases.Clock.Advance(TimeSpan.FromHours(2));
        var (alone, child) = (await CaseAsync(), await CaseAsync("Child"));
        var now = cases.Clock.GetUtcNow();
        // The elder consents to being reported to the bureau; the child's guardian has not.
        var reporting = await Json(await Caseworker.PostAsJsonAsync($"/cases/{alone}/consents", new
        {
            givenBy = "Client", purpose = "Reporting", organisations = new[] { "天镇县民政局" }, validUntil = now.AddDays(365),
        }));
        var lastMonth = Today.AddDays(-Today.Day);

        // Two caseworker visits and a volunteer's visit for the elder, one visit for the child.
        foreach (var caseId in new[] { alone, alone, child })
            (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/visits", new { visitedAt = now, observations = "精神好", concernsRaised = false }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        await PublishAsync(new V1.VisitCompleted(Guid.NewGuid(), now, Guid.NewGuid(), alone, cases.Station, Guid.NewGuid(), Today, 1m, V1.Wellbeing.Fine, null));

        // Meals: two delivered (one of them redelivered), one missed, one skipped; and one of last month, which is not this month's.
        var delivered = new V1.DeliveryCompleted(Guid.NewGuid(), now, Guid.NewGuid(), alone, cases.Station, Guid.NewGuid(), Today, V1.Wellbeing.Fine, null);
        var redelivery = Guid.NewGuid();
        await PublishAsync(delivered, redelivery);
        await PublishAsync(delivered, redelivery);
        await PublishAsync(new V1.DeliveryCompleted(Guid.NewGuid(), now, Guid.NewGuid(), alone, cases.Station, Guid.NewGuid(), Today, V1.Wellbeing.Fine, null));
        await PublishAsync(new V1.DeliveryMissed(Guid.NewGuid(), now, Guid.NewGuid(), alone, cases.Station, Guid.NewGuid(), Today, V1.MissReason.NoAnswerAtDoor, true));
        await PublishAsync(new V1.DeliverySkippedByRecipient(Guid.NewGuid(), now, Guid.NewGuid(), alone, cases.Station, null, Today,
            new TimeOnly(11, 0), new TimeOnly(12, 30)));
        var lastMonthsMeal = Beijing.At(lastMonth, new TimeOnly(11, 30));
        await PublishAsync(new V1.DeliveryCompleted(Guid.NewGuid(), lastMonthsMeal, Guid.NewGuid(), child, cases.Station, Guid.NewGuid(), lastMonth,
            V1.Wellbeing.Fine, null));

        // An activity both attend; a need of the elder's matched and its referral completed.
        var activityId = Guid.NewGuid();
        (await Caseworker.PostAsJsonAsync("/activities", new
        {
            activityId, stationId = cases.Station, title = "重阳节茶话会", kind = "Group", startsAt = now.AddHours(-1), endsAt = now.AddHours(2), capacity = 10,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var caseId in new[] { alone, child })
            (await Caseworker.PostAsJsonAsync($"/activities/{activityId}/enrolments", new { caseId })).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/activities/{activityId}/attendance", new { caseIds = new[] { alone, child } })).EnsureSuccessStatusCode();
        var needId = Guid.NewGuid();
        (await Caseworker.PostAsJsonAsync($"/cases/{alone}/needs", new { needId, category = "MealDelivery", urgency = "Urgent" })).EnsureSuccessStatusCode();
        var (referral, offer, provider) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        cases.Clock.Advance(TimeSpan.FromMinutes(30));
        await PublishAsync(new V1.ReferralAccepted(Guid.NewGuid(), cases.Clock.GetUtcNow(), referral, needId, alone, cases.Station, _caseworker, offer, provider,
            "天镇县长者食堂", V1.NeedCategory.MealDelivery, null, null));
        await Eventually.Until(async () => (await Json(await Caseworker.GetAsync($"/cases/{alone}"))).GetProperty("needs")[0].GetProperty("status").GetString(),
            s => s == "Matched", "the need matched before its referral completes");
        await PublishAsync(new V1.ReferralCompleted(Guid.NewGuid(), now, referral, needId, alone, cases.Station, _caseworker, offer, provider,
            V1.ReferralOutcome.Fulfilled));

        // Everything reported over the bus has landed on the timelines.
        var aloneTimeline = await Eventually.Until(() => TimelineAsync(alone), t =>
            t.Count(e => e.GetProperty("kind").GetString() == "DeliveryCompleted") == 2 && t.Any(e => e.GetProperty("kind").GetString() == "DeliveryMissed")
            && t.Any(e => e.GetProperty("kind").GetString() == "DeliverySkipped") && t.Any(e => e.GetProperty("kind").GetString() == "ReferralCompleted")
            && t.Count(e => e.GetProperty("kind").GetString() == "VisitRecorded") == 3, "the elder's reports on the timeline");
        var childTimeline = await Eventually.Until(() => TimelineAsync(child),
            t => t.Any(e => e.GetProperty("kind").GetString() == "DeliveryCompleted"), "last month's meal on the child's timeline");

        var response = await Caseworker.GetAsync($"/stations/{cases.Station}/ledger?month={Month}");
        var ledger = await Json(response);
        ledger.GetProperty("listsClients").GetBoolean().ShouldBeTrue("the station's own caseworker reads the clients");
        var elder = Row(ledger, alone);
        var aloneFile = await Json(await Caseworker.GetAsync($"/cases/{alone}"));
        var visits = aloneFile.GetProperty("visits").EnumerateArray().ToList();
        elder.GetProperty("caseworkerVisits").GetInt32().ShouldBe(visits.Count(v => v.GetProperty("visitorRole").GetString() == "Caseworker"));
        elder.GetProperty("volunteerVisits").GetInt32().ShouldBe(visits.Count(v => v.GetProperty("visitorRole").GetString() == "Volunteer"));
        (elder.GetProperty("caseworkerVisits").GetInt32(), elder.GetProperty("volunteerVisits").GetInt32()).ShouldBe((2, 1));
        elder.GetProperty("mealsDelivered").GetInt32().ShouldBe(InMonth(aloneTimeline, "DeliveryCompleted"));
        elder.GetProperty("mealsDelivered").GetInt32().ShouldBe(2, "the redelivered meal counts once");
        elder.GetProperty("mealsMissed").GetInt32().ShouldBe(InMonth(aloneTimeline, "DeliveryMissed"));
        elder.GetProperty("mealsSkipped").GetInt32().ShouldBe(InMonth(aloneTimeline, "DeliverySkipped"));
        elder.GetProperty("activitiesAttended").GetInt32().ShouldBe(aloneFile.GetProperty("activitiesAttended").GetInt32());
        elder.GetProperty("referralsCompleted").GetInt32().ShouldBe(InMonth(aloneTimeline, "ReferralCompleted"));
        elder.GetProperty("needsRaised").GetInt32().ShouldBe(1);
        var young = Row(ledger, child);
        young.GetProperty("mealsDelivered").GetInt32().ShouldBe(InMonth(childTimeline, "DeliveryCompleted"));
        young.GetProperty("mealsDelivered").GetInt32().ShouldBe(0, "last month's meal is last month's");
        young.GetProperty("clientGroup").GetString().ShouldBe("Child");

        var totals = ledger.GetProperty("totals");
        totals.GetProperty("clientsServed").GetInt32().ShouldBe(2);
        totals.GetProperty("caseworkerVisits").GetInt32().ShouldBe(3);
        totals.GetProperty("activitiesHeld").GetInt32().ShouldBe(1);
        totals.GetProperty("activityAttendances").GetInt32().ShouldBe(2);
        totals.GetProperty("referralsByStage").GetProperty("Completed").GetInt32().ShouldBe(1);
        totals.GetProperty("referralsByStage").GetProperty("Accepted").GetInt32().ShouldBe(1);
        totals.GetProperty("needsMatched").GetInt32().ShouldBe(1);
        // The district's statistics: the need waited half an hour for its match.
        var needs = (await Json(await Admin.GetAsync($"/statistics?district={district}&month={Month}"))).GetProperty("districts")[0].GetProperty("needs");
        needs.GetProperty("matched").GetInt32().ShouldBe(1);
        needs.GetProperty("medianHoursToMatch").GetDouble().ShouldBe(0.5);
        var lastMonthsLedger = await Json(await Caseworker.GetAsync($"/stations/{cases.Station}/ledger?month={lastMonth:yyyy-MM}"));
        Row(lastMonthsLedger, child).GetProperty("mealsDelivered").GetInt32().ShouldBe(1);

        // The Excel file: its sheets' Chinese header rows, the totals sheet and the per-client totals row equal the JSON.
        var xlsx = await Caseworker.GetAsync($"/stations/{cases.Station}/ledger?month={Month}&format=xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        xlsx.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"服务台账_南河堡乡社工站_{Month}.xlsx");
        using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        MiniExcel.GetSheetNames(workbook).ShouldBe(["月度汇总", "服务对象明细"]);
        var summary = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "月度汇总").Cast<IDictionary<string, object>>().ToList();
        summary[0].Keys.ShouldBe(["项目", "数量"]);
        Cell(summary.Single(r => (string)r["项目"] == "社工走访")["数量"]).ShouldBe(3);
        Cell(summary.Single(r => (string)r["项目"] == "开展活动（场）")["数量"]).ShouldBe(1);
        Cell(summary.Single(r => (string)r["项目"] == "转介：已完成")["数量"]).ShouldBe(1);
        var perClient = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "服务对象明细").Cast<IDictionary<string, object>>().ToList();
        perClient[0].Keys.ShouldBe(["个案编号", "服务对象类别", "社工走访", "志愿者探访", "送餐完成", "送餐未达", "取消送餐", "参加活动", "转介已接受", "转介已完成", "新提需求"]);
        perClient.Count.ShouldBe(3, "two clients and the totals row");
        perClient.Single(r => (string)r["个案编号"] == alone.ToString())["服务对象类别"].ShouldBe("老年人");
        perClient.Single(r => (string)r["服务对象类别"] == "儿童")["个案编号"].ShouldBe("匿名（未授权上报）", "no Reporting consent: counted, not named");
        Cell(summary.Single(r => (string)r["项目"] == "其中未授权上报、匿名计数（人）")["数量"]).ShouldBe(1);
        young.GetProperty("reportingConsent").GetBoolean().ShouldBeFalse();
        elder.GetProperty("reportingConsent").GetBoolean().ShouldBeTrue();
        var totalRow = perClient.Last();
        totalRow["个案编号"].ShouldBe("合计");
        Cell(totalRow["送餐完成"]).ShouldBe(totals.GetProperty("mealsDelivered").GetInt32());
        Cell(totalRow["参加活动"]).ShouldBe(totals.GetProperty("activityAttendances").GetInt32());

        // The CSV: a byte-order mark so Excel reads it as UTF-8, then the same tables.
        var csv = await (await Caseworker.GetAsync($"/stations/{cases.Station}/ledger?month={Month}&format=csv")).Content.ReadAsByteArrayAsync();
        csv.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n");
        lines[0].ShouldBe("月度汇总");
        lines[1].ShouldBe("项目,数量");
        lines.ShouldContain($"社工走访,3");
        lines.ShouldContain(l => l.StartsWith("合计,,3,1,2,1,1,2,1,1,"));
        lines.ShouldNotContain(l => l.Contains(child.ToString()));

        // The consent withdrawn: the very next file counts the elder anonymously too.
        (await Caseworker.PostAsJsonAsync($"/cases/{alone}/consents/{reporting.GetProperty("consentId").GetGuid()}/withdraw", new { reason = "不再同意上报" }))
            .EnsureSuccessStatusCode();
        var afterWithdrawal = Encoding.UTF8.GetString(await (await Caseworker.GetAsync($"/stations/{cases.Station}/ledger?month={Month}&format=csv"))
            .Content.ReadAsByteArrayAsync());
        afterWithdrawal.ShouldNotContain(alone.ToString());
        afterWithdrawal.ShouldContain("其中未授权上报、匿名计数（人）,2");

        // In English on request: the headers are English, the numbers the same.
        var english = new HttpRequestMessage(HttpMethod.Get, $"/stations/{cases.Station}/ledger?month={Month}&format=csv");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishLines = Encoding.UTF8.GetString(await (await Caseworker.SendAsync(english)).Content.ReadAsByteArrayAsync()).Split("\r\n");
        englishLines.ShouldContain("Caseworker visits,3");

        // Each download is on the station's audit: who, which report and format, how many rows.
        var audit = await Json(await Supervisor.GetAsync($"/stations/{cases.Station}/audit"));
        var exports = audit.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("recordKind").GetString() == "report" && e.GetProperty("readerId").GetGuid() == _caseworker).ToList();
        exports.Select(e => e.GetProperty("what").GetString()).Order().ShouldBe(["station-ledger-csv", "station-ledger-csv", "station-ledger-csv", "station-ledger-xlsx"]);
        exports.Single(e => e.GetProperty("what").GetString() == "station-ledger-xlsx").GetProperty("matches").GetInt64().ShouldBe(summary.Count + perClient.Count);
    }

    private static int Cell(object value) => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_district_officer_reads_its_districts_totals_and_statistics_but_no_client_and_no_other_district()
    {
        var district = await StationDistrictAsync();
        var caseId = await CaseAsync();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { needId = Guid.NewGuid(), category = "HomeCleaning", urgency = "Routine" }))
            .EnsureSuccessStatusCode();
        var officer = OfficerOf(district);

        var ledger = await Json(await officer.GetAsync($"/stations/{cases.Station}/ledger"));
        ledger.GetProperty("listsClients").GetBoolean().ShouldBeFalse();
        ledger.GetProperty("clients").GetArrayLength().ShouldBe(0, "a report that lists people is for the station's staff");
        ledger.GetProperty("totals").GetProperty("needsRaised").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var xlsx = await officer.GetAsync($"/stations/{cases.Station}/ledger?format=xlsx");
        MiniExcel.GetSheetNames(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())).ShouldBe(["月度汇总"]);
        (await officer.GetAsync($"/cases/{caseId}")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);

        // The district's statistics equal the station dashboard's counts (its only station) and the coverage report.
        var statistics = await Json(await officer.GetAsync("/statistics"));
        var row = statistics.GetProperty("districts").EnumerateArray().Single();
        row.GetProperty("districtCode").GetString().ShouldBe(district);
        var dashboard = await Json(await officer.GetAsync($"/stations/{cases.Station}/dashboard"));
        row.GetProperty("openCases").GetInt32().ShouldBe(dashboard.GetProperty("openCases").GetInt32());
        row.GetProperty("openCasesByClientGroup").GetProperty("Elderly").GetInt32()
            .ShouldBe(dashboard.GetProperty("openCasesByClientGroup").GetProperty("Elderly").GetInt32());
        row.GetProperty("openCasesByRiskLevel").GetProperty("Unassessed").GetInt32()
            .ShouldBe(dashboard.GetProperty("openCasesByRiskLevel").GetProperty("Unassessed").GetInt32());
        var coverage = await Json(await officer.GetAsync($"/districts/{district}/coverage"));
        row.GetProperty("coverage").GetDouble().ShouldBe(coverage.GetProperty("coverage").GetDouble());
        row.GetProperty("townships").GetInt32().ShouldBe(2);
        var needs = row.GetProperty("needs");
        needs.GetProperty("raisedByCategory").GetProperty("HomeCleaning").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var openNeeds = (await Json(await Supervisor.GetAsync($"/stations/{cases.Station}/open-needs"))).EnumerateArray();
        needs.GetProperty("waitingNow").GetInt32().ShouldBe(openNeeds.Count(n => n.GetProperty("status").GetString() == "Open"));
        statistics.GetProperty("total").GetProperty("openCases").GetInt32().ShouldBe(row.GetProperty("openCases").GetInt32());

        var file = await officer.GetAsync("/statistics?format=xlsx");
        using var workbook = new MemoryStream(await file.Content.ReadAsByteArrayAsync());
        var districts = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "区县概况").Cast<IDictionary<string, object>>().ToList();
        districts[0].Keys.Take(3).ShouldBe(["区县代码", "区县", "乡镇（街道）"]);
        districts.Last()["区县"].ShouldBe("合计");
        Cell(districts.Last()["在册个案"]).ShouldBe(row.GetProperty("openCases").GetInt32());

        // Another district's officer: no such station for them, and not their district's statistics.
        var stranger = OfficerOf("900000");
        (await stranger.GetAsync($"/stations/{cases.Station}/ledger")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var refused = await stranger.GetAsync($"/statistics?district={district}");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("rule").GetString().ShouldBe("report.district-not-yours");
        problem.GetProperty("detail").GetString()!.ShouldContain(district);
        (await Caseworker.GetAsync("/statistics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "statistics are the district's and the city's");
    }

    [Fact]
    public async Task The_access_audit_is_read_by_the_districts_officer_and_downloads_as_a_file_itself_audited()
    {
        var district = await StationDistrictAsync();
        var caseId = await CaseAsync();
        (await Caseworker.GetAsync($"/cases/{caseId}")).EnsureSuccessStatusCode();

        var officer = OfficerOf(district);
        var page = await Json(await officer.GetAsync($"/districts/{district}/audit?recordId={caseId}"));
        var read = page.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("what").GetString() == "case");
        (read.GetProperty("readerId").GetGuid(), read.GetProperty("stationId").GetGuid()).ShouldBe((_caseworker, cases.Station));
        (await Json(await officer.GetAsync($"/districts/{district}/audit?stationId={cases.Station}&readerId={_caseworker}")))
            .GetProperty("total").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        (await officer.GetAsync($"/districts/{district}/audit?stationId={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var notYours = await OfficerOf("900001").GetAsync($"/districts/{district}/audit");
        notYours.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await notYours.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain(district);
        var badFormat = await officer.GetAsync($"/districts/{district}/audit?format=pdf");
        badFormat.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badFormat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["format"]);

        var csv = await (await Supervisor.GetAsync($"/stations/{cases.Station}/audit?recordId={caseId}&format=csv")).Content.ReadAsByteArrayAsync();
        csv.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("时间,社工站编号,查阅人编号,查阅人岗位,查阅人所在站,档案类型,档案编号,查阅内容,破例查阅,理由,条数");
        lines.Skip(1).ShouldContain(l => l.Contains($",{_caseworker},caseworker,{cases.Station},case,{caseId},case,否,,"));
        var exports = await Json(await officer.GetAsync($"/districts/{district}/audit?stationId={cases.Station}"));
        exports.GetProperty("items").EnumerateArray().ShouldContain(e => e.GetProperty("what").GetString() == "access-audit-csv"
            && e.GetProperty("matches").GetInt64() == lines.Length - 1);
    }

    [Theory]
    [InlineData("month=2026-13", "month")]
    [InlineData("month=12/2026", "month")]
    [InlineData("month=2019-12", "month")]
    [InlineData("format=pdf", "format")]
    public async Task Bad_report_parameters_are_refused_naming_the_field(string query, string field)
    {
        await StationDistrictAsync();
        foreach (var path in new[] { $"/stations/{cases.Station}/ledger?{query}", $"/statistics?{query}" })
        {
            var response = await Admin.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, path);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            errors.EnumerateObject().Select(e => e.Name).ShouldBe([field]);
            errors.GetProperty(field)[0].GetString()!.ShouldContain(field, customMessage: "said in Chinese, naming the field");
        }
    }

    [Fact]
    public async Task A_month_not_yet_begun_an_unknown_station_and_a_malformed_district_are_refused()
    {
        await StationDistrictAsync();
        var next = Today.AddMonths(1).ToString("yyyy-MM");
        var future = await (await Admin.GetAsync($"/stations/{cases.Station}/ledger?month={next}")).Content.ReadFromJsonAsync<JsonElement>();
        future.GetProperty("errors").GetProperty("month")[0].GetString()!.ShouldContain(Month);
        (await Admin.GetAsync($"/stations/{Guid.NewGuid()}/ledger")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.GetAsync("/statistics?district=12")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Admin.GetAsync("/statistics?district=999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
