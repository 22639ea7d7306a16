using FiveSocieties.BuildingBlocks.Texts;

namespace FiveSocieties.UnitTests.Texts;

public sealed class ReaderLanguageTests
{
    [Theory]
    [InlineData(null, ReaderLanguage.ZhCN)]
    [InlineData("", ReaderLanguage.ZhCN)]
    [InlineData("en", ReaderLanguage.En)]
    [InlineData("en-US,en;q=0.9", ReaderLanguage.En)]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", ReaderLanguage.ZhCN)]
    [InlineData("en;q=0.5, zh-TW;q=0.9", ReaderLanguage.ZhCN)]
    [InlineData("zh;q=0.3, en;q=0.7", ReaderLanguage.En)]
    [InlineData("zh;q=0, en", ReaderLanguage.En)]
    [InlineData("en;q=0, zh", ReaderLanguage.ZhCN)]
    [InlineData("fr-FR, en;q=0.5", ReaderLanguage.En)]
    [InlineData("fr-FR, de", ReaderLanguage.ZhCN)]
    [InlineData("*", ReaderLanguage.ZhCN)]
    [InlineData("en;q=0.8, zh;q=0.8", ReaderLanguage.En)]
    [InlineData("not a ; header ;;; q=x", ReaderLanguage.ZhCN)]
    public void The_reader_is_Chinese_unless_English_is_preferred(string? acceptLanguage, ReaderLanguage expected) =>
        ReaderLanguages.Pick(acceptLanguage).ShouldBe(expected, acceptLanguage);

    [Fact]
    public void An_interpolated_phrase_keeps_its_template_and_arguments()
    {
        var max = 200;
        Phrase phrase = $"must be at most {max} characters.";
        phrase.Template.ShouldBe("must be at most {0} characters.");
        phrase.Arguments.ShouldBe([200]);
        phrase.English.ShouldBe("must be at most 200 characters.");

        Phrase literal = "uses {braces} as text";
        literal.English.ShouldBe("uses {braces} as text");
    }

    [Fact]
    public void A_phrase_is_said_in_Chinese_with_the_same_arguments_and_enum_values_by_name()
    {
        var texts = new TextCatalogues([SharedTexts.Catalogue]);
        var category = FiveSocieties.Contracts.V1.NeedCategory.MealDelivery;
        var date = new DateOnly(2026, 12, 1);
        Phrase phrase = $"{category} on {date:yyyy-MM-dd}";
        phrase.In(ReaderLanguage.ZhCN, "{1:yyyy-MM-dd} 的{0}", texts).ShouldBe("2026-12-01 的助餐送餐");
        phrase.In(ReaderLanguage.En, "{1:yyyy-MM-dd} 的{0}", texts).ShouldBe("MealDelivery on 2026-12-01");
        phrase.In(ReaderLanguage.ZhCN, "要 {5} 个参数", texts).ShouldBe("MealDelivery on 2026-12-01", "a template asking for more than there is falls back to English");
    }

    [Fact]
    public void A_phrase_with_its_numbers_written_in_finds_the_template_with_placeholders()
    {
        var texts = new TextCatalogues([SharedTexts.Catalogue]);
        texts.Say("must be at most 500 characters.", ReaderLanguage.ZhCN).ShouldBe("最多 500 个字符。");
        var capacity = 50;
        texts.Say($"must be between 1 and {capacity}.", ReaderLanguage.ZhCN).ShouldBe("必须介于 1 与 50 之间。");
        texts.Say("must be between -90 and 90.", ReaderLanguage.ZhCN).ShouldBe("必须介于 -90 与 90 之间。");
        texts.Say("must be a 6-digit district code, e.g. 140213.", ReaderLanguage.ZhCN).ShouldBe("必须是 6 位区县代码，例如 140213。");
        texts.Say("an English text no catalogue knows", ReaderLanguage.ZhCN).ShouldBe("an English text no catalogue knows");
    }

    [Fact]
    public void A_field_message_is_a_Chinese_sentence_naming_the_field()
    {
        var texts = new TextCatalogues([SharedTexts.Catalogue]);
        SharedTexts.FieldMessage("title", "is required.", texts, ReaderLanguage.ZhCN).ShouldBe("字段“title”为必填项。");
        SharedTexts.FieldMessage("title", "is required.", texts, ReaderLanguage.En).ShouldBe("is required.");
        SharedTexts.FieldMessage("code", "is odd.", texts, ReaderLanguage.ZhCN).ShouldBe("字段“code”有误：is odd.");
    }
}
