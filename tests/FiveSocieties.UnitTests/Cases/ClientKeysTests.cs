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
    public void A_members_index_hashes_are_made_as_the_search_and_the_duplicate_check_look_them_up()
    {
        var member = Guid.NewGuid();
        var details = new MemberDetails("王 秀英", new DateOnly(1945, 3, 12), "140222194503121234", "139-0000-1234");
        var hashes = MemberIndex.HashesOf(Hash, member, details, "南河堡村三组12号");
        hashes.MemberId.ShouldBe(member);
        hashes.NameHash.ShouldBe(ClientKeys.HashOf(Hash, ClientQueryKind.Name, "王秀英"));
        hashes.PhoneHash.ShouldBe(ClientKeys.HashOf(Hash, ClientQueryKind.Phone, "13900001234"));
        hashes.IdNumberHash.ShouldBe(ClientKeys.HashOf(Hash, ClientQueryKind.IdNumber, "140222194503121234"));
        hashes.PersonHash.ShouldBe(RegisterHouseholdEndpoint.PersonHashOf(Hash, details.BirthDate, "南河堡村三组12号"));
        var without = MemberIndex.HashesOf(Hash, member, details with { IdNumber = null, Phone = null }, "南河堡村三组12号");
        (without.IdNumberHash, without.PhoneHash).ShouldBe((null, null));
    }
}
