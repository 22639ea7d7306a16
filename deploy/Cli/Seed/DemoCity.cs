// The demo city of DESIGN §1: Datong's districts, townships and stations, households with elders
// and children, caseworkers, volunteers, charities and canteens. Generated from a seed, so the
// same options always give the same city (and the same ids: seeding twice adds nothing).
using System.Reflection;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Domain;

namespace FiveSocieties.Cli.Seed;

public sealed record Division(string Code, string Name, double Latitude, double Longitude, IReadOnlyList<Township> Townships);

public sealed record Township(string Code, string Name);

public sealed record DemoStation(Guid Id, string DistrictCode, string DistrictName, Township Township, string Name, bool Registered,
    double Latitude, double Longitude, Guid SupervisorId, IReadOnlyList<Guid> CaseworkerIds, Guid CoordinatorId);

/// <summary>
/// A person's place on a roster, as Cases names the roles: a station's (StationId set) or, as
/// DistrictOfficer, a district's duty officers.
/// </summary>
public sealed record DemoPost(Guid PersonId, string Role, string Name, Guid? StationId, string DistrictCode);

/// <summary>Relation to the head of household, as Cases names it (Self is the head).</summary>
public enum DemoRelation { Self, Spouse, Child, Grandchild, Parent }

public sealed record DemoMember(Guid Id, string Name, string Gender, DateOnly BirthDate, string IdNumber, string Phone, DemoRelation Relation);

public sealed record DemoClient(Guid CaseId, Guid MemberId, string Group, IReadOnlyList<string> Categories,
    IReadOnlyList<DemoNeed> Needs, bool ConsentsToDeliverySharing, string? DietaryNotes);

public sealed record DemoNeed(Guid Id, string Category, string Urgency, string Recurrence);

public sealed record DemoHousehold(Guid Id, Guid StationId, string District, string Township, string Community, string Grid,
    string Address, double Latitude, double Longitude, IReadOnlyList<DemoMember> Members, IReadOnlyList<DemoClient> Clients, Guid CaseworkerId);

public sealed record DemoVolunteer(Guid Id, Guid StationId, string Name, string Phone, bool IsSenior, IReadOnlyList<string> Skills,
    bool BackgroundChecked, double Latitude, double Longitude);

public sealed record DemoProvider(Guid Id, string Name, string Kind, string CreditCode, string DistrictCode, IReadOnlyList<DemoOffer> Offers);

public sealed record DemoOffer(Guid Id, string Category, string Title, int Capacity, IReadOnlyList<string> ClientGroups,
    double Latitude, double Longitude, IReadOnlyList<string> Districts);

public sealed record DemoCity(
    string CityName,
    IReadOnlyList<Division> Districts,
    IReadOnlyList<DemoStation> Stations,
    IReadOnlyList<DemoHousehold> Households,
    IReadOnlyList<DemoVolunteer> Volunteers,
    IReadOnlyList<DemoProvider> Providers,
    string OldVillageTownship,
    IReadOnlyList<DemoPost> Posts)
{
    public int TownshipCount => Districts.Sum(d => d.Townships.Count);
    public double Coverage => (double)Stations.Count(s => s.Registered) / TownshipCount;
}

public static class DemoCityGenerator
{
    /// <summary>Datong's reported figures (DESIGN §1): 120 township stations, 82.5% of townships covered by a registered one.</summary>
    public const int Stations = 120;
    public const double ReportedCoverage = 0.825;

    // A fixed namespace: the same seed and names give the same ids on every machine.
    private static readonly Guid DemoNamespace = new("9d0c6d4e-3f1a-5b2c-8e7d-6a5b4c3d2e1f");

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤", "尹", "黎", "易", "常", "武", "乔", "贺", "赖", "龚", "文"];
    private static readonly string[] GivenChars = ["秀", "英", "兰", "桂", "凤", "玉", "珍", "淑", "芳", "华", "建", "国", "明", "志", "文", "德", "福", "贵", "海", "平", "军", "红", "梅", "丽", "强", "伟", "敏", "静", "涛", "磊", "欣", "怡", "子", "涵", "浩", "宇", "晨", "雨", "思", "佳"];

    public static IReadOnlyList<Division> Datong()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("FiveSocieties.Cli.Seed.datong-divisions.json")
            ?? throw new InvalidOperationException("The Datong division extract is not embedded.");
        using var json = JsonDocument.Parse(stream);
        return json.RootElement.GetProperty("districts").EnumerateArray().Select(d => new Division(
            d.GetProperty("code").GetString()!, d.GetProperty("name").GetString()!,
            d.GetProperty("latitude").GetDouble(), d.GetProperty("longitude").GetDouble(),
            d.GetProperty("townships").EnumerateArray().Select(t => new Township(t.GetProperty("code").GetString()!, t.GetProperty("name").GetString()!)).ToList()))
            .ToList();
    }

    public static Guid Id(string kind, string key) => NameBasedGuid.Create(DemoNamespace, kind + ":" + key);

    public static DemoCity Generate(int households, int seed = 2026, int? volunteersPerStation = null)
    {
        var random = new Random(seed);
        var districts = Datong();
        var townships = districts.SelectMany(d => d.Townships.Select(t => (District: d, Township: t))).ToList();
        // 120 stations in 120 townships; registered in as many townships as give the reported coverage.
        var registered = (int)Math.Round(ReportedCoverage * townships.Count);
        var withStation = townships.OrderBy(t => Id("order", $"{seed}:{t.Township.Code}")).Take(Stations).ToList();
        var stations = withStation.Select((t, i) =>
        {
            var (lat, lon) = Jitter(random, t.District.Latitude, t.District.Longitude, 0.12);
            return new DemoStation(Id("station", t.Township.Code), t.District.Code, t.District.Name, t.Township,
                $"{t.Township.Name}社工站", i < registered, lat, lon, Id("supervisor", t.Township.Code),
                [Id("caseworker", t.Township.Code + ":1"), Id("caseworker", t.Township.Code + ":2")], Id("coordinator", t.Township.Code));
        }).ToList();

        // The village of the story: most of its people are over 60.
        var oldVillage = stations.First(s => s.DistrictName == "灵丘县");

        var homes = new List<DemoHousehold>(households);
        for (var h = 0; h < households; h++)
        {
            var station = h < stations.Count ? stations[h] : stations[random.Next(stations.Count)];
            homes.Add(Household(random, station, h, station == oldVillage));
        }

        var perStation = volunteersPerStation ?? Math.Max(4, households / stations.Count / 6);
        var volunteers = stations.SelectMany(s => Enumerable.Range(1, perStation).Select(v =>
        {
            var senior = random.NextDouble() < 0.35; // 银发志愿者
            var (lat, lon) = Jitter(random, s.Latitude, s.Longitude, 0.02);
            var skills = new List<string> { "MealDelivery" };
            if (random.NextDouble() < 0.6) skills.Add("Companionship");
            if (!senior && random.NextDouble() < 0.3) skills.Add("Tutoring");
            return new DemoVolunteer(Id("volunteer", $"{s.Township.Code}:{v}"), s.Id, PersonName(random), Phone(random), senior, skills,
                random.NextDouble() < 0.7, lat, lon);
        })).ToList();

        var providers = districts.SelectMany(d => Providers(random, d)).ToList();
        return new DemoCity("大同市", districts, stations, homes, volunteers, providers, oldVillage.Township.Name, Posts(seed, districts, stations, homes));
    }

    /// <summary>
    /// Who answers where: each station's caseworkers that its cases name, its supervisor and its
    /// coordinator; each district's duty officer. Names come from a generator of their own, so the
    /// rest of the city stays as it was.
    /// </summary>
    private static List<DemoPost> Posts(int seed, IReadOnlyList<Division> districts, IReadOnlyList<DemoStation> stations, IReadOnlyList<DemoHousehold> homes)
    {
        var names = new Random(seed + 1);
        var caseworkers = homes.GroupBy(h => h.StationId).ToDictionary(g => g.Key, g => g.Select(h => h.CaseworkerId).ToHashSet());
        var posts = new List<DemoPost>();
        foreach (var station in stations)
        {
            var used = caseworkers.GetValueOrDefault(station.Id) ?? [];
            posts.AddRange(station.CaseworkerIds.Where(used.Contains)
                .Select(c => new DemoPost(c, "Caseworker", PersonName(names), station.Id, station.DistrictCode)));
            posts.Add(new DemoPost(station.SupervisorId, "Supervisor", PersonName(names), station.Id, station.DistrictCode));
            posts.Add(new DemoPost(station.CoordinatorId, "Coordinator", PersonName(names), station.Id, station.DistrictCode));
        }
        posts.AddRange(districts.Select(d => new DemoPost(DistrictOfficerId(d.Code), "DistrictOfficer", PersonName(names), null, d.Code)));
        return posts;
    }

    /// <summary>The caseworker the workbench benchmark gives a heavy caseload (see <see cref="BusyCaseload"/>).</summary>
    public static Guid BusyCaseworkerId { get; } = Id("caseworker", "busy");

    /// <summary>
    /// A heavy caseload on top of the demo city: one more caseworker (王忙碌) at the story village's
    /// station with at least <paramref name="cases"/> case files in households of their own, so the
    /// workbench can be measured on a 300-case caseworker without changing the city everyone else sees.
    /// Seeding it twice adds nothing.
    /// </summary>
    public static DemoCity BusyCaseload(int cases, int seed = 2026)
    {
        var city = Generate(households: 1, seed);
        var station = city.Stations.First(s => s.DistrictName == "灵丘县") with { CaseworkerIds = [BusyCaseworkerId] };
        var random = new Random(seed + 7);
        var homes = new List<DemoHousehold>();
        // Numbers past any city's households: keys, ids and ID numbers of their own.
        for (var number = 1_000_000; homes.Sum(h => h.Clients.Count) < cases; number++)
            homes.Add(Household(random, station, number, oldVillage: true));
        return city with
        {
            Districts = city.Districts.Where(d => d.Code == station.DistrictCode).ToList(),
            Stations = [station],
            Households = homes,
            Volunteers = [],
            Providers = [],
            Posts = [new DemoPost(BusyCaseworkerId, "Caseworker", "王忙碌", station.Id, station.DistrictCode)],
        };
    }

    /// <summary>The duty officer (区县民政值班) of a district.</summary>
    public static Guid DistrictOfficerId(string districtCode) => Id("district-officer", districtCode);

    private static IEnumerable<DemoProvider> Providers(Random random, Division d)
    {
        var canteenId = Id("provider", d.Code + ":canteen");
        yield return new DemoProvider(canteenId, $"{d.Name}长者食堂", "Canteen", CreditCode(random, d.Code), d.Code,
            [new DemoOffer(Id("offer", d.Code + ":meals"), "MealDelivery", $"{d.Name}长者食堂助餐送餐", 60, ["Elderly"], d.Latitude, d.Longitude, [d.Code])]);
        var charityId = Id("provider", d.Code + ":charity");
        yield return new DemoProvider(charityId, $"{d.Name}慈善协会", "Charity", CreditCode(random, d.Code), d.Code,
        [
            new DemoOffer(Id("offer", d.Code + ":tutoring"), "Tutoring", $"{d.Name}留守儿童课业辅导", 30, ["Child"], d.Latitude, d.Longitude, [d.Code]),
            new DemoOffer(Id("offer", d.Code + ":goods"), "Goods", $"{d.Name}冬季温暖包", 80, ["Elderly", "Child"], d.Latitude, d.Longitude, [d.Code]),
        ]);
        var socialId = Id("provider", d.Code + ":social");
        yield return new DemoProvider(socialId, $"{d.Name}心理服务中心", "SocialOrganization", CreditCode(random, d.Code), d.Code,
            [new DemoOffer(Id("offer", d.Code + ":counselling"), "Counselling", $"{d.Name}心理疏导", 20, ["Elderly", "Child"], d.Latitude, d.Longitude, [d.Code])]);
    }

    private static DemoHousehold Household(Random random, DemoStation station, int number, bool oldVillage)
    {
        var key = $"{station.Township.Code}:{number}";
        var (lat, lon) = Jitter(random, station.Latitude, station.Longitude, 0.03);
        var grid = $"{station.Township.Code}-{random.Next(1, 9):00}";
        var surname = Surnames[random.Next(Surnames.Length)];
        var members = new List<DemoMember>();
        var clients = new List<DemoClient>();
        var elderShare = oldVillage ? 0.85 : 0.7;
        if (random.NextDouble() < elderShare)
        {
            // An elderly household: one elder alone, or a couple; the children live elsewhere (空巢).
            var alone = random.NextDouble() < 0.45;
            var head = Member(random, key, 0, surname, random.Next(62, 94), DemoRelation.Self);
            members.Add(head);
            if (!alone) members.Add(Member(random, key, 1, Surnames[random.Next(Surnames.Length)], random.Next(60, 90), DemoRelation.Spouse));
            var age = Age(head.BirthDate);
            var categories = new List<string> { "EmptyNest" };
            if (alone) categories.Add("LivesAlone");
            if (age >= 80) categories.Add("AdvancedAge");
            if (random.NextDouble() < 0.08) categories.Add("ExtremelyPoor");
            var needs = new List<DemoNeed>();
            if (alone || age >= 80) needs.Add(new DemoNeed(Id("need", key + ":meals"), "MealDelivery", alone ? "Soon" : "Routine", "Daily"));
            if (random.NextDouble() < 0.4) needs.Add(new DemoNeed(Id("need", key + ":company"), "Companionship", "Routine", "Monthly"));
            if (random.NextDouble() < 0.1) needs.Add(new DemoNeed(Id("need", key + ":goods"), "Goods", "Routine", "Once"));
            clients.Add(new DemoClient(Id("case", key + ":0"), head.Id, "Elderly", categories, needs, needs.Count > 0,
                random.NextDouble() < 0.3 ? "低盐低糖" : null));
            if (oldVillage && members.Count < 2) members.Add(Member(random, key, 2, surname, random.Next(35, 59), DemoRelation.Child));
        }
        else
        {
            // A child left behind with ageing grandparents (留守儿童), sometimes in difficulty.
            var grandparent = Member(random, key, 0, surname, random.Next(58, 80), DemoRelation.Self);
            var child = Member(random, key, 1, surname, random.Next(6, 15), DemoRelation.Grandchild);
            members.AddRange([grandparent, child]);
            var categories = new List<string> { "LeftBehind" };
            if (random.NextDouble() < 0.3) categories.Add("ChildInDifficulty");
            var needs = new List<DemoNeed> { new(Id("need", key + ":tutoring"), "Tutoring", "Routine", "Weekly") };
            if (categories.Contains("ChildInDifficulty")) needs.Add(new DemoNeed(Id("need", key + ":counselling"), "Counselling", "Soon", "Weekly"));
            clients.Add(new DemoClient(Id("case", key + ":1"), child.Id, "Child", categories, needs, false, null));
        }

        var community = $"{station.Township.Name}{random.Next(1, 12)}村";
        var address = $"{station.DistrictName}{station.Township.Name}{community}{random.Next(1, 200)}号";
        return new DemoHousehold(Id("household", key), station.Id, station.DistrictCode, station.Township.Code, community, grid, address,
            lat, lon, members, clients, station.CaseworkerIds[number % station.CaseworkerIds.Count]);
    }

    private static DemoMember Member(Random random, string householdKey, int index, string surname, int age, DemoRelation relation)
    {
        var birth = new DateOnly(2026 - age, random.Next(1, 13), random.Next(1, 29));
        var female = random.NextDouble() < 0.55;
        return new DemoMember(Id("member", $"{householdKey}:{index}"), surname + Given(random), female ? "Female" : "Male", birth,
            IdNumber(random, householdKey[..6], birth, female), Phone(random), relation);
    }

    private static string PersonName(Random random) => Surnames[random.Next(Surnames.Length)] + Given(random);

    private static string Given(Random random) =>
        random.NextDouble() < 0.6 ? GivenChars[random.Next(GivenChars.Length)] + GivenChars[random.Next(GivenChars.Length)] : GivenChars[random.Next(GivenChars.Length)];

    /// <summary>A fictitious mobile number in a reserved-looking range; never a real person's.</summary>
    private static string Phone(Random random) => $"1990000{random.Next(0, 10_000):0000}";

    /// <summary>An 18-digit resident ID number (GB 11643-1999) with a valid check character; the sequence part is random.</summary>
    public static string IdNumber(Random random, string region, DateOnly birth, bool female)
    {
        var sequence = random.Next(0, 100) * 10 + (female ? random.Next(0, 5) * 2 : random.Next(0, 5) * 2 + 1);
        var body = $"{region}{birth:yyyyMMdd}{sequence:000}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    /// <summary>A unified social credit code (GB 32100-2015) whose check character Matching's own rule computes.</summary>
    public static string CreditCode(Random random, string region)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var organisation = string.Concat(Enumerable.Range(0, 9).Select(_ => alphabet[random.Next(alphabet.Length)]));
        var first17 = "53" + region + organisation; // 5 = registered by civil affairs, 3 = foundation (慈善组织)
        return first17 + Matching.Providers.CreditCode.CheckCharacter(first17);
    }

    private static int Age(DateOnly birth) => 2026 - birth.Year;

    private static (double, double) Jitter(Random random, double lat, double lon, double spread) =>
        (Math.Round(lat + (random.NextDouble() - 0.5) * 2 * spread, 5), Math.Round(lon + (random.NextDouble() - 0.5) * 2 * spread, 5));
}
