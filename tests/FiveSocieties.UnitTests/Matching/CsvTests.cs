using System.Text;
using System.Text.Json;
using FiveSocieties.Matching.Directory;

namespace FiveSocieties.UnitTests.Matching;

/// <summary>RFC 4180 as HSDS data packages use it: what a spreadsheet or another HSDS tool may write reads back field for field.</summary>
public sealed class CsvTests
{
    public static TheoryData<string, string, string[][]> Reads => new()
    {
        { "plain, LF", "a,b\n1,2\n", [["a", "b"], ["1", "2"]] },
        { "CRLF, no final line break", "a,b\r\n1,2", [["a", "b"], ["1", "2"]] },
        { "comma inside quotes", "a,b\r\n\"x, y\",2\r\n", [["a", "b"], ["x, y", "2"]] },
        { "line breaks inside quotes", "a,b\r\n\"line 1\r\nline 2\nline 3\",2\r\n", [["a", "b"], ["line 1\r\nline 2\nline 3", "2"]] },
        { "doubled quotes", "a\r\n\"say \"\"hi\"\"\"\r\n", [["a"], ["say \"hi\""]] },
        { "empty fields, quoted and not", "a,b,c\r\n,\"\",\r\n", [["a", "b", "c"], ["", "", ""]] },
        { "a lone quoted empty field is a record", "a\r\n\"\"\r\n", [["a"], [""]] },
        { "blank lines are skipped", "a,b\r\n\r\n1,2\r\n\r\n", [["a", "b"], ["1", "2"]] },
        { "BOM already decoded", "\uFEFFid,name\r\n1,张三\r\n", [["id", "name"], ["1", "张三"]] },
        { "spaces are kept", "a,b\r\n x , y \r\n", [["a", "b"], [" x ", " y "]] },
        { "a stray quote mid-field is kept", "a\r\n5\" screen\r\n", [["a"], ["5\" screen"]] },
    };

    [Theory, MemberData(nameof(Reads))]
    public void Reads_RFC_4180_records(string name, string text, string[][] expected)
    {
        JsonSerializer.Serialize(Csv.Parse(text)).ShouldBe(JsonSerializer.Serialize(expected), name);
    }

    [Fact]
    public void A_quoted_field_that_never_closes_is_refused_with_its_record()
    {
        var error = Should.Throw<CsvFormatException>(() => Csv.Parse("a,b\r\n1,2\r\n\"open,3\r\n"));
        error.Record.ShouldBe(3);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_refused()
    {
        Should.Throw<CsvFormatException>(() => Csv.Parse("a\r\n\"x\"y\r\n")).Record.ShouldBe(2);
    }

    [Fact]
    public void UTF8_is_decoded_with_or_without_a_BOM_and_invalid_bytes_are_refused()
    {
        var text = "id,name\r\n1,龙泉镇\r\n";
        Csv.Decode(Encoding.UTF8.GetBytes(text)).ShouldBe(text);
        Csv.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]).ShouldBe(text);
        Should.Throw<CsvFormatException>(() => Csv.Decode([(byte)'a', 0xC3, 0x28]));
    }

    [Fact]
    public void What_is_written_reads_back_unchanged()
    {
        string?[][] records = [["id", "description", "note"], ["1", "Hot lunch, \"soup\"\r\nthree days", " padded "], ["2", null, "plain"]];
        var text = new StringBuilder();
        foreach (var record in records) Csv.WriteRecord(text, record);
        text.ToString().ShouldBe("id,description,note\r\n1,\"Hot lunch, \"\"soup\"\"\r\nthree days\",\" padded \"\r\n2,,plain\r\n");
        JsonSerializer.Serialize(Csv.Parse(text.ToString())).ShouldBe(JsonSerializer.Serialize(records.Select(r => r.Select(f => f ?? ""))));
    }
}
