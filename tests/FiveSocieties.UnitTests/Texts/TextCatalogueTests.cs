using System.Globalization;
using System.Text.RegularExpressions;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Cases;
using FiveSocieties.Contracts.V1;
using FiveSocieties.UnitTests.Matching;
using FiveSocieties.Matching;
using FiveSocieties.Matching.Engine;
using FiveSocieties.Notifications;
using FiveSocieties.Volunteers;

namespace FiveSocieties.UnitTests.Texts;

/// <summary>Every text the services write for people has its Chinese, and every Chinese text can be filled.</summary>
public sealed partial class TextCatalogueTests
{
    private static readonly Dictionary<string, TextCatalogue> ByService = new()
    {
        ["Cases"] = CasesTexts.Catalogue,
        ["Matching"] = MatchingTexts.Catalogue,
        ["Volunteers"] = VolunteersTexts.Catalogue,
        ["Notifications"] = NotificationsTexts.Catalogue,
    };

    private static IEnumerable<TextCatalogue> All => ByService.Values.Prepend(SharedTexts.Catalogue);

    private static string Services => Path.Combine(Repository.Root, "services");

    [Fact]
    public void Every_entry_is_Chinese_and_its_placeholders_can_be_filled()
    {
        foreach (var catalogue in All)
            foreach (var (section, key, zh) in catalogue.Entries)
            {
                var where = $"{catalogue.Area}.{section}[{key}]";
                zh.ShouldNotBeNullOrWhiteSpace(where);
                Han().IsMatch(zh).ShouldBeTrue($"{where} = \"{zh}\" has no Chinese");
                CanBeFilled(zh).ShouldBeTrue($"{where} = \"{zh}\" cannot be filled");
            }
    }

    [Fact]
    public void Every_rule_a_service_can_refuse_with_has_its_Chinese()
    {
        foreach (var (service, catalogue) in ByService)
            foreach (var code in RuleCodesIn(Path.Combine(Services, service)))
                catalogue.Rules.ShouldContainKey(code, $"{service} refuses with \"{code}\" but its catalogue has no Chinese for it");
        // A referral's "not in this state" rules are named after the state they expect.
        var referral = File.ReadAllText(Path.Combine(Services, "Matching", "Referrals", "Referral.cs"));
        foreach (Match expected in ExpectedState().Matches(referral))
            MatchingTexts.Catalogue.Rules.ShouldContainKey("referral.not-" + Kebab(expected.Groups["state"].Value));
    }

    [Fact]
    public void Every_timeline_entry_has_its_Chinese()
    {
        var timeline = File.ReadAllText(Path.Combine(Services, "Cases", "Cases", "Timeline", "TimelineEndpoint.cs"));
        var codes = TimelineEntry().Matches(timeline)
            .Select(m => "timeline." + m.Groups["kind"].Value + (m.Groups["variant"].Success ? "." + m.Groups["variant"].Value : ""))
            .ToList();
        codes.Count.ShouldBeGreaterThan(25);
        codes.AddRange(Enum.GetNames<FiveSocieties.Cases.Cases.ReferralStage>().Where(s => s != "Cancelled").Select(s => "timeline.Referral" + s));
        foreach (var code in codes) CasesTexts.Catalogue.Codes.ShouldContainKey(code);
    }

    [Fact]
    public void Every_match_reason_has_its_Chinese()
    {
        var engine = Path.Combine(Services, "Matching", "Engine");
        var codes = new[] { "MatchRules.cs", "MatchScore.cs" }
            .SelectMany(f => ReasonCode().Matches(File.ReadAllText(Path.Combine(engine, f))).Select(m => m.Groups["code"].Value))
            .Distinct().ToList();
        codes.Count.ShouldBeGreaterThan(20);
        foreach (var code in codes) MatchingTexts.Catalogue.Codes.ShouldContainKey("reason." + code);
    }

    /// <summary>The contract enums said inside texts; a value without a Chinese name would hide a gap.</summary>
    private static readonly Type[] NamedContractEnums =
    [
        typeof(ClientGroup), typeof(ClientCategory), typeof(NeedCategory), typeof(Urgency), typeof(Recurrence), typeof(RiskLevel),
        typeof(StaffRole), typeof(ReferralCancelCause), typeof(ReferralStep), typeof(SharingRevocationCause), typeof(Wellbeing), typeof(MissReason),
    ];

    [Fact]
    public void Every_enum_value_said_inside_a_text_has_a_Chinese_name()
    {
        foreach (var type in NamedContractEnums.Concat(CasesTexts.NamedEnums))
            foreach (Enum value in Enum.GetValues(type))
                All.Any(c => c.Names.ContainsKey(TextCatalogue.NameKey(value))).ShouldBeTrue($"no Chinese name for {TextCatalogue.NameKey(value)}");
    }

    [Fact]
    public void A_candidates_reasons_and_every_exclusion_are_said_in_Chinese()
    {
        var texts = new TextCatalogues([MatchingTexts.Catalogue, SharedTexts.Catalogue]);
        var need = MatchingFixtures.Need() with
        {
            AbilityLevel = null, RiskLevel = RiskLevel.High, Position = new GeoPoint(40.36, 113.75),
            ClientCategories = [ClientCategory.LivesAlone], RaisedAt = MatchingFixtures.Now.AddDays(-3),
        };
        var offer = MatchingFixtures.Offer() with
        {
            Area = new ServiceArea([], [], [need.Location.Grid]), ServicePoint = new GeoPoint(40.37, 113.76),
            Eligibility = new Eligibility([], 60, null, [ClientCategory.LivesAlone], [1, 2]),
        };
        var reasons = MatchRules.WhyItFits(need, offer).ToList();
        MatchScore.NeedPriority(need, MatchingFixtures.Now, reasons);
        MatchScore.Fit(need, offer, 0.5, reasons);
        var excluded = MatchRulesTests.Rows.Select(row => MatchRules.Exclude(
                ((Func<NeedProfile, NeedProfile>)row[1])(MatchingFixtures.Need()), ((Func<OfferProfile, OfferProfile>)row[2])(MatchingFixtures.Offer()),
                MatchingFixtures.Today))
            .OfType<(string Rule, MatchReason Reason)>().Select(e => e.Reason).ToList();
        excluded.Count.ShouldBeGreaterThan(10);

        foreach (var reason in reasons.Concat(excluded))
        {
            var said = texts.Say("reason." + reason.Code, reason.Text, ReaderLanguage.ZhCN);
            said.ShouldNotBe(reason.Text.English, $"{reason.Code}: not said in Chinese");
            said.ShouldNotContain("{");
        }
    }

    /// <summary>The braces are well formed, and each placeholder's format fits a date, a number or text (what texts are filled with).</summary>
    private static bool CanBeFilled(string template) =>
        Formats(template, Enumerable.Repeat<object?>("text", 10).ToArray())
        && Placeholder().Matches(template).All(p => new object[] { DateTime.UnixEpoch, 1.5 }.Any(value =>
            Formats("{0" + p.Groups["spec"].Value + "}", [value])));

    private static bool Formats(string template, object?[] arguments)
    {
        try { string.Format(CultureInfo.InvariantCulture, template, arguments); return true; }
        catch (FormatException) { return false; }
    }

    [GeneratedRegex(@"\{\d+(?<spec>[^{}]*)\}")]
    private static partial Regex Placeholder();

    private static IEnumerable<string> RuleCodesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => RuleCode().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value))
            .Distinct();

    private static string Kebab(string name) => string.Concat(name.Select((c, i) =>
        char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));


    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex(@"(?:DomainRuleViolation|ActionForbidden)\(\s*""(?<code>[a-z0-9.\-]+)""")]
    private static partial Regex RuleCode();

    [GeneratedRegex(@"Expect\(state, ReferralStatus\.(?<state>\w+)")]
    private static partial Regex ExpectedState();

    [GeneratedRegex(@"Entry\([^;]*?, ""(?<kind>[A-Z]\w+)"",(?:(?!Entry\().)*?(?:, ""(?<variant>[a-z][a-z\-]+)"")?\),?\s*$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex TimelineEntry();

    [GeneratedRegex(@"new(?:\s*MatchReason)?\(""(?<code>[a-z][a-z.\-]+)"",")]
    private static partial Regex ReasonCode();
}
