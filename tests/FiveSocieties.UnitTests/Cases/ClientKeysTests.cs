using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.Cases.Auditing;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Households.FindingClients;
using FiveSocieties.Cases.Households.Registering;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>How a search for a client is read and hashed: as registration hashed the members, or nothing would be found.</summary>
public sealed class ClientKeysTests
{
    private static readonly KeyedHash Hash = new(new PrivacySettings());

    [Theory]
    [InlineData("王桂兰", ClientQueryKind.Name)]
    [InlineData("Wang Guilan", ClientQueryKind.Name)]
    [InlineData("140222194503120017", ClientQueryKind.IdNumber)]
    [InlineData("14022219450312001x", ClientQueryKind.IdNumber)]
    [InlineData(" 140222 19450312 001X ", ClientQueryKind.IdNumber)]
    [InlineData("13800001234", ClientQueryKind.Phone)]
    [InlineData("+86 138-0000-1234", ClientQueryKind.Phone)]
    [InlineData("(0352) 6021234", ClientQueryKind.Phone)]
    [InlineData("王桂兰 138", ClientQueryKind.Name)]
    public void A_query_is_read_as_a_name_an_ID_number_or_a_phone_by_its_shape(string query, ClientQueryKind kind) =>
        ClientKeys.KindOf(query).ShouldBe(kind);

    [Theory]
    [InlineData("13800001234")]
    [InlineData("+86 138 0000 1234")]
    [InlineData("+8613800001234")]
    [InlineData("0086-138-0000-1234")]
    [InlineData("138-0000-1234")]
    public void A_phone_is_its_digits_without_China_s_country_code(string phone) =>
        ClientKeys.NormalPhone(phone).ShouldBe("13800001234");

    [Fact]
    public void A_name_is_found_whatever_its_spaces_dots_and_case()
    {
        ClientKeys.NameHash(Hash, " 王 桂兰 ").ShouldBe(ClientKeys.NameHash(Hash, "王桂兰"));
        ClientKeys.NameHash(Hash, "阿依古丽·买买提").ShouldBe(ClientKeys.NameHash(Hash, "阿依古丽买买提"));
        ClientKeys.NameHash(Hash, "wang guilan").ShouldBe(ClientKeys.NameHash(Hash, "WANG GUILAN"));
        ClientKeys.NameHash(Hash, "王桂兰").ShouldNotBe(ClientKeys.NameHash(Hash, "王桂芝"));
    }

    [Fact]
    public void A_query_is_hashed_as_registration_hashed_the_member()
    {
        var idNumber = ResidentIdNumber.WithCheckDigit("14022219450312001");
        ClientKeys.HashOf(Hash, ClientQueryKind.IdNumber, idNumber.ToLowerInvariant()).ShouldBe(Hash.Of(RegisterHouseholdEndpoint.IdNumberPurpose, idNumber));
        ClientKeys.HashOf(Hash, ClientQueryKind.Phone, "+86 138 0000 1234").ShouldBe(ClientKeys.PhoneHash(Hash, "13800001234"));
        ClientKeys.HashOf(Hash, ClientQueryKind.Name, "王桂兰").ShouldBe(ClientKeys.NameHash(Hash, "王 桂兰"));
    }

    [Fact]
    public void Hashes_of_different_kinds_never_match_each_other() =>
        ClientKeys.NameHash(Hash, "13800001234").ShouldNotBe(ClientKeys.PhoneHash(Hash, "13800001234"));

    [Fact]
    public void A_phone_without_digits_has_nothing_to_be_found_by() =>
        ClientKeys.PhoneHash(Hash, "无").ShouldBeNull();

    [Fact]
    public void Search_keys_are_made_only_for_members_who_have_none_and_a_repeat_changes_nothing()
    {
        var now = new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);
        HouseholdMember Member(string? nameHash) => new(Guid.NewGuid(), RelationToHead.Self, Gender.Female, "s1:x", null, "P", nameHash);
        var (old, hashed) = (Member(null), Member("N"));
        var household = new Household(Guid.NewGuid(), new HouseholdLocation("天镇县", "南河堡乡", "南河堡村", "NHB-03"), "s1:home", null,
            [old, hashed], now, 1);
        var keys = new MemberSearchKeys[] { new(old.MemberId, "N1", "P1"), new(hashed.MemberId, "N2", null), new(Guid.NewGuid(), "N3", null) };

        var made = HouseholdDecider.Decide(household, new MakeMembersFindable(household.Id, keys, now)).ShouldHaveSingleItem()
            .ShouldBeOfType<HouseholdMembersMadeFindable>();
        made.Members.ShouldBe([keys[0]]);

        var after = household.Apply(made) with { Version = 2 };
        after.Member(old.MemberId)!.NameHash.ShouldBe("N1");
        after.Member(old.MemberId)!.PhoneHash.ShouldBe("P1");
        after.Member(hashed.MemberId)!.NameHash.ShouldBe("N");
        HouseholdDecider.Decide(after, new MakeMembersFindable(household.Id, keys, now)).ShouldBeEmpty();
    }
}
