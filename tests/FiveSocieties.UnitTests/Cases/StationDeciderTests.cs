using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Cases.Stations;
using FiveSocieties.Cases.Stations.Coverage;
using JasperFx.Events;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>Given a district's or a station's events, when a command, then events or a named rule.</summary>
public sealed class StationDeciderTests
{
    private const string Pingcheng = "140213"; // 平城区
    private const string Xinrong = "140212";   // 新荣区
    private static readonly Guid Admin = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly TownshipEntry Xinjian = new("140213001", "新建街道");
    private static readonly TownshipEntry Nanguan = new("140213002", "南关街道");

    private static RegisterTownships Register(params TownshipEntry[] townships) => new(Pingcheng, "平城区", townships, Admin, Now);

    private static Event<T> Wrap<T>(T data, long version) where T : notnull => new(data) { Version = version };

    private static District GivenDistrict(params object[] events)
    {
        District? state = null;
        long version = 0;
        foreach (var e in events)
        {
            version++;
            state = e switch
            {
                TownshipsRegistered registered when state is null => District.Create(registered),
                TownshipsRegistered registered => state.Apply(registered) with { Version = version },
                StationPlacedInTownship placed => state!.Apply(placed) with { Version = version },
                _ => throw new ArgumentException(e.GetType().Name),
            };
        }
        return state!;
    }

    private static Station GivenStation(params object[] events)
    {
        Station? state = null;
        long version = 0;
        foreach (var e in events)
        {
            version++;
            state = e switch
            {
                StationOpened opened => Station.Create(opened),
                StationRegisteredNationally registered => state!.Apply(registered) with { Version = version },
                _ => throw new ArgumentException(e.GetType().Name),
            };
        }
        return state!;
    }

    private static District PingchengWith(params TownshipEntry[] townships) =>
        GivenDistrict([.. DistrictDecider.Decide(null, Register(townships))]);

    private static OpenStation Open(Guid stationId, string township = "140213001", bool registered = false) =>
        new(stationId, Pingcheng, township, "新建街道社工站", registered, Admin, Now);

    // Districts and townships

    [Fact]
    public void Registering_townships_of_a_new_district_names_the_district_and_lists_them()
    {
        var registered = DistrictDecider.Decide(null, Register(Xinjian, Nanguan)).ShouldHaveSingleItem().ShouldBeOfType<TownshipsRegistered>();
        registered.DistrictId.ShouldBe(DivisionCodes.DistrictId(Pingcheng));
        registered.DistrictName.ShouldBe("平城区");
        registered.Townships.ShouldBe([Xinjian, Nanguan]);
    }

    [Fact]
    public void Registering_known_townships_again_records_only_the_new_ones()
    {
        var district = PingchengWith(Xinjian);
        var registered = DistrictDecider.Decide(district, Register(Xinjian, Nanguan)).ShouldHaveSingleItem().ShouldBeOfType<TownshipsRegistered>();
        registered.Townships.ShouldBe([Nanguan]);
        GivenDistrict(TownshipsFrom(district), registered).Townships.Select(t => t.Code).ShouldBe(["140213001", "140213002"]);
    }

    private static TownshipsRegistered TownshipsFrom(District district) =>
        new(district.Id, district.Code, district.Name, district.Townships.Select(t => new TownshipEntry(t.Code, t.Name)).ToList(), Admin, Now);

    [Fact]
    public void Registering_the_same_townships_again_changes_nothing() =>
        DistrictDecider.Decide(PingchengWith(Xinjian, Nanguan), Register(Nanguan, Xinjian)).ShouldBeEmpty();

    [Fact]
    public void A_township_whose_code_places_it_in_another_district_is_refused()
    {
        var xinrongTownship = new TownshipEntry("140212100", "堡子湾乡");
        Should.Throw<DomainRuleViolation>(() => DistrictDecider.Decide(null, Register(Xinjian, xinrongTownship)))
            .Code.ShouldBe("district.township-of-another-district");
        // Registered where it belongs, it can never come under 平城区 too.
        DistrictDecider.Decide(null, new RegisterTownships(Xinrong, "新荣区", [xinrongTownship], Admin, Now)).ShouldHaveSingleItem();
    }

    [Fact]
    public void Registering_a_known_district_under_another_name_is_refused() =>
        Should.Throw<DomainRuleViolation>(() =>
                DistrictDecider.Decide(PingchengWith(Xinjian), new RegisterTownships(Pingcheng, "城区", [Nanguan], Admin, Now)))
            .Code.ShouldBe("district.name-differs");

    [Fact]
    public void Registering_a_known_township_under_another_name_is_refused() =>
        Should.Throw<DomainRuleViolation>(() => DistrictDecider.Decide(PingchengWith(Xinjian), Register(Xinjian with { Name = "新建南街道" })))
            .Code.ShouldBe("district.township-name-differs");

    // Placing a station in its township

    [Fact]
    public void A_station_is_placed_in_a_free_registered_township()
    {
        var stationId = Guid.NewGuid();
        var placed = DistrictDecider.Decide(PingchengWith(Xinjian), new PlaceStation("140213001", stationId, Now))
            .ShouldHaveSingleItem().ShouldBeOfType<StationPlacedInTownship>();
        placed.StationId.ShouldBe(stationId);
        var district = GivenDistrict(TownshipsFrom(PingchengWith(Xinjian)), placed);
        district.FindTownship("140213001")!.StationId.ShouldBe(stationId);
        district.Version.ShouldBe(2);
    }

    [Fact]
    public void A_station_in_an_unregistered_township_is_refused()
    {
        Should.Throw<DomainRuleViolation>(() => DistrictDecider.Decide(PingchengWith(Xinjian), new PlaceStation("140213002", Guid.NewGuid(), Now)))
            .Code.ShouldBe("station.unknown-township");
        Should.Throw<DomainRuleViolation>(() => DistrictDecider.Decide(null, new PlaceStation("140213001", Guid.NewGuid(), Now)))
            .Code.ShouldBe("station.unknown-township");
    }

    [Fact]
    public void A_second_station_in_a_township_is_refused_and_the_same_one_again_changes_nothing()
    {
        var first = Guid.NewGuid();
        var district = GivenDistrict(TownshipsFrom(PingchengWith(Xinjian)), new StationPlacedInTownship(DivisionCodes.DistrictId(Pingcheng), "140213001", first, Now));
        DistrictDecider.Decide(district, new PlaceStation("140213001", first, Now)).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => DistrictDecider.Decide(district, new PlaceStation("140213001", Guid.NewGuid(), Now)))
            .Code.ShouldBe("station.township-taken");
    }

    // The station's own stream

    [Fact]
    public void Opening_a_station_records_where_it_is_and_whether_it_is_registered()
    {
        var stationId = Guid.NewGuid();
        var opened = StationDecider.Decide(null, Open(stationId, registered: true)).ShouldHaveSingleItem().ShouldBeOfType<StationOpened>();
        opened.StationId.ShouldBe(stationId);
        opened.TownshipCode.ShouldBe("140213001");
        opened.RegisteredInNationalSystem.ShouldBeTrue();
        opened.OpenedAt.ShouldBe(Now);
    }

    [Fact]
    public void Opening_the_same_station_again_changes_nothing_even_after_its_national_registration()
    {
        var stationId = Guid.NewGuid();
        var opened = StationDecider.Decide(null, Open(stationId)).Single();
        StationDecider.Decide(GivenStation(opened), Open(stationId)).ShouldBeEmpty();
        var registered = StationDecider.Decide(GivenStation(opened), new RegisterStationNationally(stationId, Admin, Now)).Single();
        StationDecider.Decide(GivenStation(opened, registered), Open(stationId)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("140213002", false)]
    [InlineData("140213001", true)]
    public void Opening_an_existing_station_id_with_other_details_is_refused(string township, bool registered)
    {
        var stationId = Guid.NewGuid();
        var station = GivenStation([.. StationDecider.Decide(null, Open(stationId))]);
        Should.Throw<DomainRuleViolation>(() => StationDecider.Decide(station, Open(stationId, township, registered)))
            .Code.ShouldBe("station.id-taken");
    }

    [Fact]
    public void National_registration_is_recorded_once()
    {
        var stationId = Guid.NewGuid();
        var opened = StationDecider.Decide(null, Open(stationId)).Single();
        var registered = StationDecider.Decide(GivenStation(opened), new RegisterStationNationally(stationId, Admin, Now))
            .ShouldHaveSingleItem().ShouldBeOfType<StationRegisteredNationally>();
        registered.DistrictCode.ShouldBe(Pingcheng);
        registered.TownshipCode.ShouldBe("140213001");
        var after = GivenStation(opened, registered);
        after.RegisteredInNationalSystem.ShouldBeTrue();
        after.Version.ShouldBe(2);
        StationDecider.Decide(after, new RegisterStationNationally(stationId, Admin, Now)).ShouldBeEmpty();
    }

    [Fact]
    public void Registering_an_unknown_station_nationally_is_not_found() =>
        Should.Throw<RecordNotFound>(() => StationDecider.Decide(null, new RegisterStationNationally(Guid.NewGuid(), Admin, Now)));

    // Codes, ids and the coverage projection

    [Theory]
    [InlineData("140213", true)]
    [InlineData("14021", false)]
    [InlineData("1402130", false)]
    [InlineData("14021a", false)]
    [InlineData("１４０２１３", false)] // full-width digits are not ASCII digits
    [InlineData(null, false)]
    public void District_codes_have_six_ascii_digits(string? code, bool valid) => DivisionCodes.IsDistrictCode(code).ShouldBe(valid);

    [Theory]
    [InlineData("140213001", true)]
    [InlineData("140213", false)]
    [InlineData("1402130011", false)]
    public void Township_codes_have_nine_digits(string code, bool valid) => DivisionCodes.IsTownshipCode(code).ShouldBe(valid);

    [Fact]
    public void Name_based_ids_are_rfc_9562_version_5_uuids()
    {
        // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
        NameBasedGuid.Create(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com")
            .ShouldBe(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
        DivisionCodes.DistrictId(Pingcheng).ShouldBe(DivisionCodes.DistrictId(Pingcheng));
        DivisionCodes.DistrictId(Pingcheng).ShouldNotBe(DivisionCodes.DistrictId(Xinrong));
    }

    [Fact]
    public void Coverage_counts_townships_with_a_nationally_registered_station()
    {
        var projection = new DistrictCoverageProjection();
        var id = DivisionCodes.DistrictId(Pingcheng);
        var townships = Enumerable.Range(1, 8).Select(i => new TownshipEntry($"140213{i:000}", $"T{i}")).ToList();
        var stations = Enumerable.Range(1, 6).Select(_ => Guid.NewGuid()).ToList();
        object[] events =
        [
            new TownshipsRegistered(id, Pingcheng, "平城区", townships, Admin, Now),
            .. stations.Select((s, i) => new StationOpened(s, Pingcheng, townships[i].Code, $"S{i}", i < 4, Admin, Now)),
            new StationRegisteredNationally(stations[4], Pingcheng, townships[4].Code, Admin, Now),
        ];
        DistrictCoverage? coverage = null;
        foreach (var e in events) coverage = projection.Evolve(coverage, id, Wrap((dynamic)e, 1L));

        var report = DistrictCoverageReport.From(coverage!);
        report.ShouldBe(new DistrictCoverageReport(Pingcheng, "平城区", 8, 5, 0.625, 5, 6));
    }

    [Theory]
    [InlineData(99, 120, 0.825)]
    [InlineData(2, 3, 0.667)]
    [InlineData(0, 0, 0.0)]
    public void Coverage_is_a_ratio_rounded_to_three_decimals(int part, int whole, double expected) =>
        DistrictCoverageReport.Ratio(part, whole).ShouldBe(expected);
}
