using FiveSocieties.BuildingBlocks.Privacy;
using Microsoft.Extensions.Configuration;

namespace FiveSocieties.UnitTests.BuildingBlocks;

/// <summary>The keyed hash's versions: how they are configured, which one writes, and which a look-up tries.</summary>
public sealed class KeyedHashTests
{
    private const string IdNumber = "140222194503120021";
    private static readonly string V1 = new('1', 40), V2 = new('2', 40);

    private static PrivacySettings Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build()
            .GetSection("Privacy").Get<PrivacySettings>() ?? new();

    [Fact]
    public void Version_1_hashes_are_bare_as_before_versions_and_later_ones_carry_their_version()
    {
        var v1 = new KeyedHash(Settings(("Privacy:HashSecret", V1)));
        v1.Version.ShouldBe(1);
        v1.Of("id-number", IdNumber).ShouldMatch("^[0-9A-F]{64}$");

        var v2 = new KeyedHash(Settings(("Privacy:HashSecret", V1), ("Privacy:HashSecrets:v2", V2)));
        v2.Version.ShouldBe(2);
        v2.Of("id-number", IdNumber).ShouldStartWith("v2:");
        KeyedHash.VersionOf(v2.Of("id-number", IdNumber)).ShouldBe(2);
        KeyedHash.VersionOf(v1.Of("id-number", IdNumber)).ShouldBe(1);
    }

    [Fact]
    public void The_highest_version_writes_and_a_look_up_tries_every_one_current_first()
    {
        var hash = new KeyedHash(Settings(("Privacy:HashSecret", V1), ("Privacy:HashSecrets:v2", V2)));
        var v1 = new KeyedHash(Settings(("Privacy:HashSecret", V1)));
        hash.Versions.Select(v => v.Version).ShouldBe([2, 1]);
        hash.Versions.Select(v => v.Of("id-number", IdNumber)).ShouldBe([hash.Of("id-number", IdNumber), v1.Of("id-number", IdNumber)]);
        hash.IsCurrent(hash.Of("id-number", IdNumber)).ShouldBeTrue();
        hash.IsCurrent(v1.Of("id-number", IdNumber)).ShouldBeFalse();
    }

    [Fact]
    public void The_current_version_may_be_held_back_while_a_new_secret_reaches_every_replica()
    {
        var hash = new KeyedHash(Settings(("Privacy:HashSecrets:v1", V1), ("Privacy:HashSecrets:v2", V2), ("Privacy:CurrentHashVersion", "v1")));
        hash.Version.ShouldBe(1);
        hash.Versions.Select(v => v.Version).ShouldBe([1, 2]);
    }

    [Theory]
    [InlineData("Privacy:HashSecrets:two", "v1, v2")]
    [InlineData("Privacy:CurrentHashVersion", "v1, v2")]
    public void A_badly_named_version_is_refused_naming_the_setting(string setting, string expected)
    {
        var refusal = Should.Throw<InvalidOperationException>(() => new KeyedHash(Settings(("Privacy:HashSecret", V1), (setting, "x"))));
        refusal.Message.ShouldContain(setting);
        refusal.Message.ShouldContain(expected);
    }

    [Fact]
    public void Production_is_told_of_every_development_published_or_short_secret_by_its_setting()
    {
        Settings().DevelopmentSecrets().Select(s => s.Setting).ShouldBe(["Privacy:HashSecret"]);
        Settings(("Privacy:HashSecret", "change-me"), ("Privacy:HashSecrets:v2", "short"), ("Privacy:HashSecrets:v3", V2))
            .DevelopmentSecrets().Select(s => s.Setting).ShouldBe(["Privacy:HashSecrets:v2", "Privacy:HashSecret"], ignoreOrder: true);
        Settings(("Privacy:HashSecret", V1), ("Privacy:HashSecrets:v2", V2)).DevelopmentSecrets().ShouldBeEmpty();
    }
}
