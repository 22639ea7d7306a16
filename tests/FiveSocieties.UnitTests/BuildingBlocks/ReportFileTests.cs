using System.Text;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Reports;
using FiveSocieties.BuildingBlocks.Texts;
using MiniExcelLibs;

namespace FiveSocieties.UnitTests.BuildingBlocks;

public sealed class ReportFileTests
{
    private static readonly ReportSheet Sheet = new(new LocalText("明细", "Rows"), [new("姓名", "Name"), new("数量", "Count")],
    [
        ["张三, 李四", 3],
        ["说\"好\"", null],
        ["=HYPERLINK(\"x\")", -2],
        ["-5", 1.5m],
    ]);

    [Fact]
    public void Csv_starts_with_a_byte_order_mark_quotes_what_must_be_quoted_and_defuses_formulas()
    {
        var bytes = ReportFile.Csv([Sheet], ReaderLanguage.ZhCN);
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n").ShouldBe(
        [
            "姓名,数量",
            "\"张三, 李四\",3",
            "\"说\"\"好\"\"\",",
            "\"'=HYPERLINK(\"\"x\"\")\",-2",
            "-5,1.5",
            "",
        ]);
    }

    [Fact]
    public void Csv_of_several_tables_names_each_and_leaves_a_line_between_them()
    {
        var text = Encoding.UTF8.GetString(ReportFile.Csv([Sheet, Sheet with { Name = new("汇总", "Totals") }], ReaderLanguage.En)[3..]);
        text.Split("\r\n").Where(l => l is "Rows" or "Totals" or "").Take(3).ShouldBe(["Rows", "", "Totals"]);
        text.ShouldContain("Name,Count");
    }

    [Fact]
    public void Xlsx_reads_back_with_its_header_row_in_the_readers_language_and_an_empty_table_keeps_its_header()
    {
        var empty = new ReportSheet(new LocalText("空表", "Empty"), [new("项目", "Item")], []);
        using var stream = new MemoryStream(ReportFile.Xlsx([Sheet, empty], ReaderLanguage.ZhCN));
        MiniExcel.GetSheetNames(stream).ShouldBe(["明细", "空表"]);
        var rows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "明细").Cast<IDictionary<string, object>>().ToList();
        rows.Count.ShouldBe(4);
        rows[0]["姓名"].ShouldBe("张三, 李四");
        Convert.ToInt32(rows[0]["数量"]).ShouldBe(3);
        MiniExcel.Query(stream, useHeaderRow: true, sheetName: "空表").Cast<IDictionary<string, object>>().Single().Keys.ShouldBe(["项目"]);
    }

    [Theory]
    [InlineData(null, ReportFormat.Json)]
    [InlineData("XLSX", ReportFormat.Xlsx)]
    [InlineData(" csv ", ReportFormat.Csv)]
    public void The_format_is_json_xlsx_or_csv(string? format, ReportFormat expected)
    {
        var validator = new RequestValidator();
        ReportFile.ParseFormat(format, validator).ShouldBe(expected);
        validator.IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("1")]
    public void Any_other_format_is_refused_on_its_field(string format)
    {
        var validator = new RequestValidator();
        ReportFile.ParseFormat(format, validator);
        Should.Throw<InvalidRequest>(validator.ThrowIfInvalid).Errors.Keys.ShouldBe(["format"]);
    }

    [Theory]
    [InlineData(null, 2026, 12)]
    [InlineData("2026-11", 2026, 11)]
    [InlineData("2020-01", 2020, 1)]
    public void A_month_is_this_one_by_default_and_any_from_2020_to_now(string? month, int year, int number)
    {
        var validator = new RequestValidator();
        ReportMonth.Parse(month, new DateOnly(2026, 12, 7), validator).ShouldBe(new ReportMonth(year, number));
        validator.IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("2027-01")]
    [InlineData("2019-12")]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("December")]
    public void A_month_out_of_range_or_not_yyyy_MM_is_refused_on_its_field(string month)
    {
        var validator = new RequestValidator();
        ReportMonth.Parse(month, new DateOnly(2026, 12, 7), validator);
        Should.Throw<InvalidRequest>(validator.ThrowIfInvalid).Errors.Keys.ShouldBe(["month"]);
    }

    [Fact]
    public void A_month_runs_from_its_first_local_midnight_to_the_next_months()
    {
        var beijing = FiveSocieties.BuildingBlocks.Scheduling.LocalCalendar.For("Asia/Shanghai");
        var december = new ReportMonth(2026, 12);
        december.Start(beijing).ShouldBe(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));
        december.End(beijing).ShouldBe(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero));
        december.ToString().ShouldBe("2026-12");
    }
}
