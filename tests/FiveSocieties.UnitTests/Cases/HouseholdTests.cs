using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Households.Registering;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>Households: registration, merge, the duplicate check's pieces, and sealing of personal fields.</summary>
public sealed class HouseholdTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 1, 0, 0, TimeSpan.Zero);
    private static readonly Guid Station = Guid.NewGuid();
    private static readonly HouseholdLocation Home = new("天镇县", "南河堡乡", "南河堡村", "NHB-03");

    private static HouseholdMember Member(RelationToHead relation = RelationToHead.Self) =>
        new(Guid.NewGuid(), relation, Gender.Female, "s1:x");

    private static RegisterHousehold Register(Guid id, params HouseholdMember[] members) =>
        new(id, Home, "s1:home", null, members, Guid.NewGuid(), Now, Station);

    private static Household Given(HouseholdRegistered registered) =>
        Household.Create(registered);

    [Fact]
    public void A_household_has_exactly_one_head()
    {
        Should.Throw<DomainRuleViolation>(() => HouseholdDecider.Decide(null, Register(Guid.NewGuid(), Member(RelationToHead.Spouse))))
            .Code.ShouldBe("household.one-head");
        HouseholdDecider.Decide(null, Register(Guid.NewGuid(), Member(), Member(RelationToHead.Grandchild)))
            .ShouldHaveSingleItem().ShouldBeOfType<HouseholdRegistered>().Members.Count.ShouldBe(2);
    }

    [Fact]
    public void A_repeat_registration_changes_nothing_and_another_under_the_same_id_is_refused()
    {
        var id = Guid.NewGuid();
        var command = Register(id, Member());
        var state = Given((HouseholdRegistered)HouseholdDecider.Decide(null, command).Single());
        // The endpoint opened the stored details and found them the same as the request's.
        HouseholdDecider.Decide(state, command with { SealedHome = "s1:sealed-again", SameAsStored = true }).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => HouseholdDecider.Decide(state, command with { SameAsStored = false }))
            .Code.ShouldBe("household.id-taken", "the same members with other details");
        Should.Throw<DomainRuleViolation>(() => HouseholdDecider.Decide(state, Register(id, Member()) with { SameAsStored = true }))
            .Code.ShouldBe("household.id-taken", "other members");
    }

    [Fact]
    public void A_merge_keeps_both_streams_and_moves_the_members_once()
    {
        var kept = Given((HouseholdRegistered)HouseholdDecider.Decide(null, Register(Guid.NewGuid(), Member())).Single());
        var other = Given((HouseholdRegistered)HouseholdDecider.Decide(null, Register(Guid.NewGuid(), Member(), Member(RelationToHead.Child))).Single());
        var merge = new MergeHouseholds(kept.Id, other.Id, Guid.NewGuid(), Now);
        var (onKept, onOther) = HouseholdDecider.Decide(kept, other, merge);
        onKept.ShouldHaveSingleItem().ShouldBeOfType<HouseholdAbsorbed>().Members.Count.ShouldBe(2);
        var mergedInto = onOther.ShouldHaveSingleItem().ShouldBeOfType<HouseholdMergedInto>();
        mergedInto.IntoHouseholdId.ShouldBe(kept.Id);

        var otherAfter = other.Apply(mergedInto) with { Version = 2 };
        HouseholdDecider.Decide(kept, otherAfter, merge).ShouldBe(([], []));
        Should.Throw<DomainRuleViolation>(() => HouseholdDecider.Decide(kept, kept, merge)).Code.ShouldBe("household.merge-self");
        Should.Throw<DomainRuleViolation>(() => HouseholdDecider.Decide(otherAfter, kept, merge)).Code.ShouldBe("household.merged");
    }

    [Theory]
    [InlineData("孙秀英", "孙秀英", true)]
    [InlineData("孙秀英", "孙 秀英", true)]
    [InlineData("孙秀英", "孙秀瑛", true)]
    [InlineData("孙秀英", "孙英", true)]
    [InlineData("孙秀英", "李桂兰", false)]
    [InlineData("Sun Xiuying", "sun xiuying", true)]
    public void Names_are_similar_within_one_character(string a, string b, bool similar) =>
        RegisterHouseholdEndpoint.NamesAreSimilar(a, b).ShouldBe(similar);

    [Fact]
    public void A_resident_id_number_needs_its_check_digit()
    {
        var valid = ResidentIdNumber.WithCheckDigit("14022219450312002");
        ResidentIdNumber.IsValid(valid).ShouldBeTrue();
        ResidentIdNumber.IsValid(valid[..17] + (valid[17] == '0' ? '1' : '0')).ShouldBeFalse();
        ResidentIdNumber.IsValid("1402221945").ShouldBeFalse();
    }

    [Fact]
    public void A_keyed_hash_matches_the_same_number_only_under_the_same_secret_and_purpose()
    {
        var hash = new KeyedHash(new PrivacySettings());
        hash.Of("id-number", "140222194503120021").ShouldBe(hash.Of("id-number", " 140222194503120021 "));
        hash.Of("id-number", "140222194503120021").ShouldNotBe(hash.Of("other", "140222194503120021"));
        new KeyedHash(new PrivacySettings { HashSecret = "another" }).Of("id-number", "140222194503120021")
            .ShouldNotBe(hash.Of("id-number", "140222194503120021"));
    }

    [Fact]
    public void Sealed_fields_open_with_their_subject_s_key_only_and_not_at_all_once_the_key_is_gone()
    {
        var subject = Guid.NewGuid();
        var key = new SubjectKey(subject, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), Now);
        var sealedName = PersonalData.Seal(key, "孙秀英");
        sealedName.ShouldNotContain("孙");
        PersonalData.Open(key, sealedName).ShouldBe("孙秀英");
        PersonalData.Open(null, sealedName).ShouldBeNull("erased: the key was deleted");
        var moved = key with { Id = Guid.NewGuid() };
        Should.Throw<System.Security.Cryptography.AuthenticationTagMismatchException>(() => PersonalData.Open(moved, sealedName));
    }
}
