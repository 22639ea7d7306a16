using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.EndToEnd;
using FiveSocieties.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Web.Browser;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserCity>
{
    public const string Name = "Browser";
}

/// <summary>
/// One chromium for the whole run, and the Web host on a real socket serving the built app in front
/// of a <see cref="City"/>: one station with a caseworker (李社工, with one open case) and a
/// supervisor (王督导). Each test opens its own browser context (its own cookies and storage).
/// </summary>
public sealed class BrowserCity : IAsyncLifetime
{
    /// <summary>Debian's chromium (deploy/test.sh installs it); Playwright downloads no browser here.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("FIVESOC_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The app as built by `npm run build` in services/Web/app (deploy/test.sh does it).</summary>
    public static string AppPath { get; } = Path.Combine(Repository.Root, "services", "Web", "wwwroot");

    public City City { get; } = new();
    public WebHost Web { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    private IPlaywright _playwright = null!;
    public IBrowser Browser { get; private set; } = null!;

    // Fixed: the City's schema and virtual host are its own, and the same ids draw the same screenshots.
    /// <summary>9 is no province's prefix: a district of our own.</summary>
    public string District { get; } = "971001";
    public Guid Station { get; } = Guid.Parse("5a7e0000-0000-4000-8000-000000000001");
    public Guid Caseworker { get; } = Guid.Parse("5a7e0000-0000-4000-8000-000000000002");
    public Guid Supervisor { get; } = Guid.Parse("5a7e0000-0000-4000-8000-000000000003");
    public Guid Case { get; } = Guid.Parse("c0a5e000-0000-4000-8000-000000000001");
    public const string StationName = "新华街道社工站";
    public const string CaseworkerName = "李社工";
    public const string SupervisorName = "王督导";
    public Guid NeedsCaseworker { get; } = Guid.Parse("5a7e0000-0000-4000-8000-00000000e001");
    public const string NeedsCaseworkerName = "周社工";
    public Guid Volunteer { get; } = Guid.Parse("5a7e0000-0000-4000-8000-00000000f001");
    public const string VolunteerName = "赵志愿";
    /// <summary>The provider portal's two organisations (serving the station's district, so the demo sign-in lists them) and the caseworker whose referrals they answer.</summary>
    public Guid Canteen { get; } = Guid.Parse("5a7e0000-0000-4000-8000-00000000d001");
    public const string CanteenName = "阳光长者食堂";
    public Guid Charity { get; } = Guid.Parse("5a7e0000-0000-4000-8000-00000000d002");
    public const string CharityName = "仁爱慈善会";
    public Guid PortalCaseworker { get; } = Guid.Parse("5a7e0000-0000-4000-8000-00000000d003");
    public const string PortalCaseworkerName = "孙社工";
    /// <summary>The district's duty officer (区县民政干部), who reads the district's stations but no case file.</summary>
    public Guid DistrictOfficer { get; } = Guid.Parse("5a7e0000-0000-4000-8000-00000000c001");
    public const string DistrictOfficerName = "钱科长";

    public async Task InitializeAsync()
    {
        // Before anything starts: what is missing is said plainly, not as a timeout later.
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"No chromium at {ChromiumPath} (FIVESOC_CHROMIUM): install Debian's chromium and fonts-noto-cjk (deploy/test.sh does: apt-get install chromium fonts-noto-cjk).");
        if (!File.Exists(Path.Combine(AppPath, "index.html")))
            throw new InvalidOperationException(
                $"The app is not built ({AppPath}/index.html is missing): run `npm ci && npm run build` in services/Web/app (deploy/test.sh does).");
        Assertions.SetDefaultExpectTimeout(20_000);

        await City.InitializeAsync();
        // The browser lives on the real clock (a visit "now" on the page is now): the city's clock
        // follows it, or after five minutes of tests the services would call the page's now the future.
        _followRealTime = new Timer(_ =>
        {
            var now = DateTimeOffset.UtcNow;
            if (now > City.Clock.GetUtcNow()) City.Clock.SetUtcNow(now);
        }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
        // The rosters go in before the Web host first reads them (it keeps what it read for 30 s).
        var admin = City.Cases.ClientAs(Roles.Admin);
        (await admin.PostAsJsonAsync($"/districts/{District}/townships", new
        {
            districtName = "平城区", townships = new[] { new { code = District + "001", name = "新华街道" } },
        })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/stations", new { stationId = Station, districtCode = District, townshipCode = District + "001", name = StationName }))
            .EnsureSuccessStatusCode();
        foreach (var (person, role, name) in new[] { (Caseworker, "Caseworker", CaseworkerName), (Supervisor, "Supervisor", SupervisorName) })
            (await admin.PostAsJsonAsync($"/stations/{Station}/staff", new { personId = person, role, name })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/districts/{District}/staff", new { personId = DistrictOfficer, name = DistrictOfficerName }))
            .EnsureSuccessStatusCode();
        // The needs tests' caseworker: their cases and inbox stay off 李社工's, which other tests count.
        (await admin.PostAsJsonAsync($"/stations/{Station}/staff", new { personId = NeedsCaseworker, role = "Caseworker", name = NeedsCaseworkerName }))
            .EnsureSuccessStatusCode();

        var caseworker = City.Cases.ClientAs(Roles.Caseworker, Caseworker, Station);
        (await caseworker.PostAsJsonAsync("/cases", new
        {
            caseId = Case, stationId = Station, caseworkerId = Caseworker, clientGroup = "Elderly", categories = new[] { "LivesAlone" },
            location = new { district = District, township = District + "001", grid = "G-01" },
        })).EnsureSuccessStatusCode();
        await Eventually.Until(async () => await Json(await caseworker.GetAsync($"/caseworkers/{Caseworker}/caseload")),
            caseload => caseload.GetProperty("cases").GetArrayLength() == 1, "the case on the caseworker's caseload");

        // A volunteer of the station, whom the demo sign-in lists from the Volunteers service.
        (await City.Volunteers.ClientAs(Roles.Admin).PostAsJsonAsync("/volunteers", new
        {
            volunteerId = Volunteer, stationId = Station, name = VolunteerName, phone = "13900000001",
            home = new { latitude = 40.08, longitude = 113.30 }, skills = new[] { "MealDelivery" },
        })).EnsureSuccessStatusCode();

        // The provider portal's organisations and caseworker, before the Web host first reads the rosters.
        (await admin.PostAsJsonAsync($"/stations/{Station}/staff", new { personId = PortalCaseworker, role = "Caseworker", name = PortalCaseworkerName }))
            .EnsureSuccessStatusCode();
        foreach (var (provider, name, kind) in new[] { (Canteen, CanteenName, "Canteen"), (Charity, CharityName, "Charity") })
            (await City.Matching.ClientAs(Roles.Admin).PostAsJsonAsync("/providers", new
            {
                providerId = provider, name, kind, creditCode = FiveSocieties.IntegrationTests.Matching.MatchingFixture.NewCreditCode(),
                contact = new { name = "服务台", phone = "0352-1234567" }, area = new { districts = new[] { District } },
            })).EnsureSuccessStatusCode();

        var settings = WebHost.CityAddresses();
        settings["Web:Services:Volunteers"] = "http://volunteers.test";
        settings["Web:AppPath"] = AppPath;
        Web = new WebHost(settings, City).OnKestrel();
        Address = Web.Address; // started now, not inside the first test

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // As root chromium needs --no-sandbox; the rest keep it off the network and quiet.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    private Timer? _followRealTime;

    public async Task DisposeAsync()
    {
        if (_followRealTime is not null) await _followRealTime.DisposeAsync();
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Web is not null) await Web.DisposeAsync();
        await City.DisposeAsync();
    }

    /// <summary>A fresh browser context (no session), in Chinese unless told, optionally in elder mode, and its page.</summary>
    public async Task<IPage> NewPageAsync(bool elderMode = false, string locale = "zh-CN", bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString().TrimEnd('/'),
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            // A desk's screen, or a common phone's (390 × 844 CSS pixels, touch).
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        if (elderMode) await context.AddInitScriptAsync("localStorage.setItem('fivesoc.elderMode', 'on');");
        var reads = PersonalReads.Of(context);
        context.Response += (_, response) => reads.Count(response);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in on the demo sign-in page by picking the person, as a person would; ends on their home page.</summary>
    public static async Task SignInAsync(IPage page, string name, string role, string returnUrl = "/")
    {
        await page.GotoAsync("/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByRole(AriaRole.Button, new() { Name = $"{name} · {role}：以此身份登录" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
    }

    /// <summary>A notification for the caseworker, as Matching's relay would publish it: their referral expired.</summary>
    public Task NotifyCaseworkerAsync()
    {
        var expired = new V1.ReferralExpired(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), Case, Station, Caseworker,
            Guid.NewGuid(), Guid.NewGuid(), V1.ReferralStep.AwaitingApproval);
        return City.Cases.Services.GetRequiredService<IBus>().Publish(expired, context => context.MessageId = expired.EventId);
    }

    /// <summary>The station's roster as the Cases service has it.</summary>
    public async Task<List<(Guid PersonId, string? Name)>> RosterAsync()
    {
        var roster = await Json(await City.Cases.ClientAs(Roles.Admin).GetAsync($"/stations/{Station}/staff"));
        return roster.GetProperty("staff").EnumerateArray()
            .Select(m => (m.GetProperty("personId").GetGuid(), m.TryGetProperty("name", out var n) ? n.GetString() : null)).ToList();
    }
}

/// <summary>
/// 查阅留痕, counted from the browser: each answer of the services that showed someone's personal data
/// (X-Personal-Data-Shown), and whether the same request recorded it (X-Access-Audited). A test
/// class checks its contexts' counts when it ends (BrowserTestClass).
/// </summary>
public sealed class PersonalReads
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowserContext, PersonalReads> ByContext = new();
    private readonly object _gate = new();
    private readonly List<string> _unaudited = [];

    public static PersonalReads Of(IBrowserContext context) => ByContext.GetValue(context, _ => new PersonalReads());

    public int Shown { get; private set; }
    public int Audited { get; private set; }
    public IReadOnlyList<string> Unaudited { get { lock (_gate) return [.. _unaudited]; } }

    public void Count(IResponse response)
    {
        if (!response.Headers.ContainsKey("x-personal-data-shown")) return;
        lock (_gate)
        {
            Shown++;
            if (response.Headers.TryGetValue("x-access-audited", out var audited) && int.TryParse(audited, out var entries) && entries > 0) Audited++;
            else _unaudited.Add($"{response.Request.Method} {new Uri(response.Url).AbsolutePath}");
        }
    }
}
