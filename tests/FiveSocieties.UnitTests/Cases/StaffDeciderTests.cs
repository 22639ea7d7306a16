using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Cases.Staff;
using FiveSocieties.Cases.Stations;
using JasperFx.Events;
using StaffRole = FiveSocieties.Contracts.V1.StaffRole;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>Given a person's roster events, when a command, then events or a named rule.</summary>
public sealed class StaffDeciderTests
{
    private const string Pingcheng = "140213"; // 平城区
    private static readonly Guid Person = Guid.NewGuid();
    private static readonly Guid Admin = Guid.NewGuid();
    private static readonly Guid Xinjian = Guid.NewGuid();
    private static readonly Guid Nanguan = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Roster XinjianStaff = Roster.OfStation(Xinjian, Pingcheng);
    private static readonly Roster NanguanStaff = Roster.OfStation(Nanguan, Pingcheng);
    private static readonly Roster PingchengOfficers = Roster.OfDistrict(Pingcheng);

    private static JoinRoster Join(Roster roster, StaffRole role, string? name = null) => new(Person, roster, role, name, Admin, Now);

    /// <summary>Folds with StaffMember.Create and Apply, as Marten does.</summary>
    private static StaffMember? Given(params object[] events)
    {
        StaffMember? state = null;
        long version = 0;
        var stream = StaffMember.StreamId(Person);
        foreach (var e in events)
        {
            version++;
            state = e switch
            {
                StaffJoined joined when state is null => StaffMember.Create(new Event<StaffJoined>(joined) { Version = version, StreamId = stream }),
                StaffJoined joined => state.Apply(joined) with { Version = version },
                StaffRoleChanged changed => state!.Apply(changed) with { Version = version },
                StaffLeft left => state!.Apply(left) with { Version = version },
                _ => throw new ArgumentException(e.GetType().Name),
            };
        }
        return state;
    }

    private static object[] Joined(Roster roster, StaffRole role) => [.. StaffDecider.Decide(null, Join(roster, role))];

    private static object[] Then(object[] history, Func<StaffMember?, IReadOnlyList<object>> decide) => [.. history, .. decide(Given(history))];

    private static string Rule(Action decide) => Should.Throw<DomainRuleViolation>(decide).Code;

    [Fact]
    public void Joining_a_station_s_roster_records_the_post_with_its_district()
    {
        var joined = StaffDecider.Decide(null, Join(XinjianStaff, StaffRole.Supervisor, "王建国")).ShouldHaveSingleItem().ShouldBeOfType<StaffJoined>();
        joined.ShouldBe(new StaffJoined(Person, StaffRole.Supervisor, Xinjian, Pingcheng, "王建国", Admin, Now));

        var member = Given(joined)!;
        member.Roster.ShouldBe(XinjianStaff);
        member.Role.ShouldBe(StaffRole.Supervisor);
        member.Id.ShouldBe(StaffMember.StreamId(Person));
    }

    [Fact]
    public void Joining_a_district_s_roster_makes_a_duty_officer_of_no_station()
    {
        var joined = StaffDecider.Decide(null, Join(PingchengOfficers, StaffRole.DistrictOfficer)).ShouldHaveSingleItem().ShouldBeOfType<StaffJoined>();
        joined.StationId.ShouldBeNull();
        joined.DistrictCode.ShouldBe(Pingcheng);
        joined.Role.ShouldBe(StaffRole.DistrictOfficer);
    }

    [Theory]
    [InlineData(StaffRole.Caseworker)]
    [InlineData(StaffRole.Supervisor)]
    [InlineData(StaffRole.Coordinator)]
    public void Joining_the_same_roster_again_is_refused_whatever_the_role(StaffRole role)
    {
        var history = Joined(XinjianStaff, StaffRole.Caseworker);
        Rule(() => StaffDecider.Decide(Given(history), Join(XinjianStaff, role))).ShouldBe("staff.already-on-roster");
    }

    [Fact]
    public void Joining_another_roster_while_on_one_is_refused_naming_the_other()
    {
        var history = Joined(XinjianStaff, StaffRole.Caseworker);
        var station = Should.Throw<DomainRuleViolation>(() => StaffDecider.Decide(Given(history), Join(NanguanStaff, StaffRole.Caseworker)));
        station.Code.ShouldBe("staff.on-another-roster");
        station.Message.ShouldContain(Xinjian.ToString());

        var district = Should.Throw<DomainRuleViolation>(() => StaffDecider.Decide(Given(history), Join(PingchengOfficers, StaffRole.DistrictOfficer)));
        district.Code.ShouldBe("staff.on-another-roster");

        var officer = Joined(PingchengOfficers, StaffRole.DistrictOfficer);
        Should.Throw<DomainRuleViolation>(() => StaffDecider.Decide(Given(officer), Join(XinjianStaff, StaffRole.Supervisor)))
            .Message.ShouldContain($"district {Pingcheng}");
    }

    [Theory]
    [InlineData(StaffRole.Caseworker)]
    [InlineData(StaffRole.Supervisor)]
    [InlineData(StaffRole.Coordinator)]
    public void A_district_s_roster_holds_duty_officers_only(StaffRole role) =>
        Rule(() => StaffDecider.Decide(null, Join(PingchengOfficers, role))).ShouldBe("staff.role-not-for-roster");

    [Fact]
    public void A_station_s_roster_holds_no_duty_officer()
    {
        Rule(() => StaffDecider.Decide(null, Join(XinjianStaff, StaffRole.DistrictOfficer))).ShouldBe("staff.role-not-for-roster");
        var history = Joined(XinjianStaff, StaffRole.Caseworker);
        Rule(() => StaffDecider.Decide(Given(history), new ChangeStaffRole(Person, XinjianStaff, StaffRole.DistrictOfficer, Admin, Now)))
            .ShouldBe("staff.role-not-for-roster");
    }

    [Fact]
    public void Changing_the_role_records_the_new_and_the_previous_one()
    {
        var history = Joined(XinjianStaff, StaffRole.Caseworker);
        var changed = StaffDecider.Decide(Given(history), new ChangeStaffRole(Person, XinjianStaff, StaffRole.Supervisor, Admin, Now))
            .ShouldHaveSingleItem().ShouldBeOfType<StaffRoleChanged>();
        changed.ShouldBe(new StaffRoleChanged(Person, StaffRole.Supervisor, StaffRole.Caseworker, Xinjian, Pingcheng, Admin, Now));
        Given([.. history, changed])!.Role.ShouldBe(StaffRole.Supervisor);
    }

    [Fact]
    public void Changing_to_the_same_role_changes_nothing()
    {
        var history = Joined(XinjianStaff, StaffRole.Coordinator);
        StaffDecider.Decide(Given(history), new ChangeStaffRole(Person, XinjianStaff, StaffRole.Coordinator, Admin, Now)).ShouldBeEmpty();
    }

    public static TheoryData<string> NotOnThisRoster() => ["never joined", "on another station's roster", "left"];

    [Theory]
    [MemberData(nameof(NotOnThisRoster))]
    public void Changing_or_removing_someone_not_on_this_roster_is_not_found(string who)
    {
        object[] history = who switch
        {
            "never joined" => [],
            "on another station's roster" => Joined(NanguanStaff, StaffRole.Caseworker),
            _ => Then(Joined(XinjianStaff, StaffRole.Caseworker), s => StaffDecider.Decide(s, new LeaveRoster(Person, XinjianStaff, Admin, Now))),
        };
        var state = Given(history);
        Should.Throw<RecordNotFound>(() => StaffDecider.Decide(state, new ChangeStaffRole(Person, XinjianStaff, StaffRole.Supervisor, Admin, Now)));
        Should.Throw<RecordNotFound>(() => StaffDecider.Decide(state, new LeaveRoster(Person, XinjianStaff, Admin, Now)));
    }

    [Fact]
    public void Leaving_records_the_role_held_and_frees_the_person_to_join_again_anywhere()
    {
        var history = Joined(XinjianStaff, StaffRole.Supervisor);
        var left = StaffDecider.Decide(Given(history), new LeaveRoster(Person, XinjianStaff, Admin, Now)).ShouldHaveSingleItem().ShouldBeOfType<StaffLeft>();
        left.ShouldBe(new StaffLeft(Person, StaffRole.Supervisor, Xinjian, Pingcheng, Admin, Now));

        history = [.. history, left];
        var gone = Given(history)!;
        gone.Roster.ShouldBeNull();
        gone.Name.ShouldBeNull();
        StaffDecider.Decide(gone, Join(XinjianStaff, StaffRole.Caseworker)).ShouldHaveSingleItem().ShouldBeOfType<StaffJoined>();
        var elsewhere = Then(history, s => StaffDecider.Decide(s, Join(PingchengOfficers, StaffRole.DistrictOfficer)));
        Given(elsewhere)!.Roster.ShouldBe(PingchengOfficers);
    }

    [Fact]
    public void A_person_s_stream_id_is_the_same_on_every_call_and_no_district_s()
    {
        StaffMember.StreamId(Person).ShouldBe(StaffMember.StreamId(Person));
        StaffMember.StreamId(Person).ShouldNotBe(Person);
        StaffMember.StreamId(Person).ShouldNotBe(StaffMember.StreamId(Guid.NewGuid()));
        StaffMember.StreamId(Guid.Parse("00000000-0000-0000-0000-000000140213")).ShouldNotBe(DivisionCodes.DistrictId(Pingcheng));
    }
}
