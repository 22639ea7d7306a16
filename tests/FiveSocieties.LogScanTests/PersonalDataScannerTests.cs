namespace FiveSocieties.LogScanTests;

/// <summary>The scanner itself: it must find what the run-wide scan relies on it to find.</summary>
public sealed class PersonalDataScannerTests
{
    private static List<Leak> Scan(string[] values, params string[] lines) =>
        new PersonalDataScanner(values).Scan("log", lines).ToList();

    [Fact]
    public void Finds_a_name_inside_a_chinese_sentence_without_separators()
    {
        var leaks = Scan(["王秀英"], "Information cases Case: 案主王秀英的需求已登记");
        leaks.ShouldHaveSingleItem().Value.ShouldBe("王秀英");
        leaks[0].LineNumber.ShouldBe(1);
    }

    [Fact]
    public void Finds_a_phone_number_inside_a_structured_value_and_names_the_line()
    {
        var leaks = Scan(["13800138000", "李建国"], "first line", "Warning volunteers X: rejected phone=13800138000");
        leaks.ShouldHaveSingleItem().LineNumber.ShouldBe(2);
        leaks[0].Line.ShouldContain("phone=");
    }

    [Fact]
    public void Finds_values_of_different_lengths_on_one_line()
    {
        Scan(["张伟", "13912345678", "平城区新建南路12号"], "张伟 13912345678 住 平城区新建南路12号").Select(l => l.Value)
            .ShouldBe(["张伟", "13912345678", "平城区新建南路12号"]);
    }

    [Fact]
    public void A_clean_log_gives_nothing()
    {
        Scan(["王秀英", "13800138000"], "Information cases Case: need 6f1c… raised", "phone number rejected: 1380013800").ShouldBeEmpty();
    }

    [Fact]
    public void A_number_counts_only_as_a_whole_token_so_a_guid_or_a_port_is_not_a_leak()
    {
        Scan(["12345"], "request 0f912345-aa01-4c2e-9d7a-123456789abc", "listening on 127.0.0.1:123456").ShouldBeEmpty();
        Scan(["12345"], "id=12345 rejected", "(12345)").Count.ShouldBe(2);
    }

    [Fact]
    public void A_number_that_is_part_of_a_decimal_is_not_a_leak_but_one_ending_a_sentence_is()
    {
        Scan(["12345"], "Request finished GET /inbox/stream - 200 12345.1595ms", "version 3.12345").ShouldBeEmpty();
        Scan(["12345", "a-secret"], "the id was 12345.", "12345.x", "secret=a-secret.5").Count.ShouldBe(3);
    }

    [Fact]
    public void A_value_at_the_very_end_of_a_line_is_found()
    {
        Scan(["赵敏"], "ends with 赵敏").ShouldHaveSingleItem();
    }
}
