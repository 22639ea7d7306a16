using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.EndToEnd;
using FiveSocieties.IntegrationTests.Infrastructure;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;

namespace FiveSocieties.IntegrationTests.Web;

/// <summary>
/// The four services on the real servers, one district's rosters in Cases (two stations and a
/// duty officer), and the Web host in front of them, as the workbench's browser meets it.
/// </summary>
public sealed class WebCity : IAsyncLifetime
{
    public City City { get; } = new();
    public WebHost Web { get; private set; } = null!;
    /// <summary>The WeChat official account the Web host binds people to (its sign-in), a stand-in on loopback.</summary>
    public ChannelStandInHost StandIn { get; private set; } = null!;
    public string AppPath { get; } = Path.Combine(Path.GetTempPath(), "fivesoc-web-app-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>9 is no province's prefix: a district of our own.</summary>
    public string District { get; } = "9" + Random.Shared.Next(0, 100_000).ToString("00000");
    public Guid StationA { get; } = Guid.NewGuid();
    public Guid StationB { get; } = Guid.NewGuid();
    public Guid CaseworkerA { get; } = Guid.NewGuid();
    public Guid SupervisorA { get; } = Guid.NewGuid();
    public Guid CaseworkerB { get; } = Guid.NewGuid();
    public Guid Officer { get; } = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        await City.InitializeAsync();
        // The rosters go in before the Web host first reads them (it keeps what it read for 30 s).
        var admin = City.Cases.ClientAs(Roles.Admin);
        (await admin.PostAsJsonAsync($"/districts/{District}/townships", new
        {
            districtName = "平城区", townships = new[] { new { code = District + "001", name = "新华街道" }, new { code = District + "002", name = "北关街道" } },
        })).EnsureSuccessStatusCode();
        foreach (var (station, township, name) in new[] { (StationA, "001", "新华街道社工站"), (StationB, "002", "北关街道社工站") })
            (await admin.PostAsJsonAsync("/stations", new { stationId = station, districtCode = District, townshipCode = District + township, name }))
                .EnsureSuccessStatusCode();
        foreach (var (station, person, role, name) in new[]
                 {
                     (StationA, CaseworkerA, "Caseworker", "李社工"), (StationA, SupervisorA, "Supervisor", "王督导"),
                     (StationB, CaseworkerB, "Caseworker", "赵社工"),
                 })
            (await admin.PostAsJsonAsync($"/stations/{station}/staff", new { personId = person, role, name })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/districts/{District}/staff", new { personId = Officer, name = "周值班" })).EnsureSuccessStatusCode();

        Directory.CreateDirectory(Path.Combine(AppPath, "assets"));
        await File.WriteAllTextAsync(Path.Combine(AppPath, "index.html"), "<!doctype html><html><head><title>工作台</title><script type=module src=/assets/app-3f9a1c.js></script></head><body></body></html>");
        await File.WriteAllTextAsync(Path.Combine(AppPath, "assets", "app-3f9a1c.js"), "console.log('workbench');");
        // A page's chunks as the build names them, and a brotli copy of one of them beside it.
        Directory.CreateDirectory(Path.Combine(AppPath, ".vite"));
        await File.WriteAllTextAsync(Path.Combine(AppPath, ".vite", "route-preloads.json"), """
            { "routes": [
              { "path": "caseload", "files": ["assets/caseload-a1.js", "assets/table-b2.js"] },
              { "path": "cases/:id/:tab", "files": ["assets/case-file-c3.js", "assets/case-file-d4.css"] }
            ] }
            """);
        await File.WriteAllTextAsync(Path.Combine(AppPath, "assets", "table-b2.js"), TableChunk);
        await File.WriteAllBytesAsync(Path.Combine(AppPath, "assets", "table-b2.js.br"), Brotli(TableChunk));

        var settings = WebHost.CityAddresses();
        settings["Web:AppPath"] = AppPath;
        StandIn = await ChannelStandInHost.StartAsync();
        foreach (var (key, value) in StandIn.WeChatClientSettings()) settings[key] = value!;
        settings["WeChat:AuthorizeEndpoint"] = StandIn.Address.ToString();
        Web = new WebHost(settings, City);
        _ = Web.Server; // started now, not inside the first test
    }

    public const string TableChunk = "export const table = 'the table chunk';";

    private static byte[] Brotli(string text)
    {
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Optimal))
            brotli.Write(Encoding.UTF8.GetBytes(text));
        return compressed.ToArray();
    }

    public async Task DisposeAsync()
    {
        if (Web is not null) await Web.DisposeAsync();
        if (StandIn is not null) await StandIn.DisposeAsync();
        await City.DisposeAsync();
        if (Directory.Exists(AppPath)) Directory.Delete(AppPath, recursive: true);
    }

    /// <summary>A browser signed in as <paramref name="person"/> through the demo sign-in, and the session's CSRF token.</summary>
    public async Task<(HttpClient Browser, string Csrf)> SignedInAsync(Guid person)
    {
        var browser = Web.Browser();
        var me = await Json(await browser.PostAsJsonAsync("/auth/demo-sign-in", new { personId = person }));
        return (browser, me.GetProperty("csrfToken").GetString()!);
    }
}

public sealed class WebHostTests(WebCity city) : IClassFixture<WebCity>
{
    private static HttpRequestMessage Post(string path, object body, string? csrf = null, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (csrf is not null) request.Headers.Add("X-CSRF-Token", csrf);
        if (language is not null) request.Headers.Add("Accept-Language", language);
        return request;
    }

    private object NewCase(Guid caseId, Guid station, Guid caseworker) => new
    {
        caseId, stationId = station, caseworkerId = caseworker, clientGroup = "Elderly", categories = new[] { "LivesAlone" },
        location = new { district = city.District, township = city.District + "001", grid = "G-01" },
    };

    [Fact]
    public async Task The_demo_people_are_the_people_of_the_station_and_district_rosters()
    {
        var people = (await Json(await city.Web.Browser().GetAsync("/auth/demo-people"))).EnumerateArray()
            .Where(p => p.GetProperty("districtCode").GetString() == city.District)
            .ToDictionary(p => p.GetProperty("personId").GetGuid());

        people.Count.ShouldBe(4);
        var caseworker = people[city.CaseworkerA];
        caseworker.GetProperty("name").GetString().ShouldBe("李社工");
        caseworker.GetProperty("role").GetString().ShouldBe(Roles.Caseworker);
        caseworker.GetProperty("stationId").GetGuid().ShouldBe(city.StationA);
        caseworker.GetProperty("stationName").GetString().ShouldBe("新华街道社工站");
        people[city.SupervisorA].GetProperty("role").GetString().ShouldBe(Roles.Supervisor);
        people[city.CaseworkerB].GetProperty("stationName").GetString().ShouldBe("北关街道社工站");
        var officer = people[city.Officer];
        officer.GetProperty("role").GetString().ShouldBe(Roles.DistrictOfficer);
        officer.TryGetProperty("stationId", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Signing_in_sets_an_HttpOnly_session_cookie_and_no_token_reaches_the_browser()
    {
        var browser = city.Web.Browser();
        using var signedIn = await browser.PostAsJsonAsync("/auth/demo-sign-in", new { personId = city.SupervisorA });
        var body = await signedIn.Content.ReadAsStringAsync();
        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fivesoc="));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);

        using var meResponse = await browser.GetAsync("/auth/me");
        var meText = await meResponse.Content.ReadAsStringAsync();
        var me = await Json(meResponse);
        me.GetProperty("personId").GetString().ShouldBe(city.SupervisorA.ToString());
        me.GetProperty("name").GetString().ShouldBe("王督导");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Supervisor]);
        me.GetProperty("stationId").GetGuid().ShouldBe(city.StationA);
        me.GetProperty("districtCode").GetString().ShouldBe(city.District);
        me.GetProperty("csrfToken").GetString().ShouldNotBeNullOrEmpty();
        // A JWT is base64 of '{"' twice, dot-separated: none in what the browser can read. The sealed cookie
        // is random base64 itself, so a bare "eyJ" in it (any case) turns up by chance in about one run in twenty.
        var jwt = new System.Text.RegularExpressions.Regex(@"eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.");
        foreach (var text in new[] { body, meText, cookie }) jwt.IsMatch(text).ShouldBeFalse(text);

        var unknown = Guid.NewGuid();
        using var refused = await city.Web.Browser().PostAsJsonAsync("/auth/demo-sign-in", new { personId = unknown });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain(unknown.ToString());
    }

    [Fact]
    public async Task A_demo_sign_in_posted_from_another_site_is_refused()
    {
        using var request = Post("/auth/demo-sign-in", new { personId = city.CaseworkerA });
        request.Headers.Add("Origin", "https://elsewhere.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var refused = await city.Web.Browser().SendAsync(request);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task The_services_are_asked_as_the_signed_in_person()
    {
        var otherStationsCase = Guid.NewGuid();
        (await city.City.Cases.ClientAs(Roles.Caseworker, city.CaseworkerB, city.StationB)
            .PostAsJsonAsync("/cases", NewCase(otherStationsCase, city.StationB, city.CaseworkerB))).EnsureSuccessStatusCode();

        var (browserA, _) = await city.SignedInAsync(city.CaseworkerA);
        var stations = await Json(await browserA.GetAsync($"/api/cases/stations?district={city.District}"));
        stations.GetProperty("total").GetInt64().ShouldBe(2);
        (await browserA.GetAsync($"/api/cases/cases/{otherStationsCase}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var (browserB, _) = await city.SignedInAsync(city.CaseworkerB);
        (await Json(await browserB.GetAsync($"/api/cases/cases/{otherStationsCase}"))).GetProperty("stationId").GetGuid().ShouldBe(city.StationB);
    }

    [Fact]
    public async Task An_unsafe_call_without_the_CSRF_token_is_refused_and_writes_nothing()
    {
        var (browser, csrf) = await city.SignedInAsync(city.CaseworkerA);
        var caseId = Guid.NewGuid();

        using var missing = await browser.SendAsync(Post("/api/cases/cases", NewCase(caseId, city.StationA, city.CaseworkerA)));
        missing.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (missing.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().ShouldBe("请求缺少有效的防伪令牌");
        using var wrong = await browser.SendAsync(Post("/api/cases/cases", NewCase(caseId, city.StationA, city.CaseworkerA), "not-the-token", "en-GB,en;q=0.8"));
        wrong.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().ShouldBe("The request lacks a valid anti-forgery token");
        (await browser.GetAsync($"/api/cases/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var opened = await browser.SendAsync(Post("/api/cases/cases", NewCase(caseId, city.StationA, city.CaseworkerA), csrf));
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        (await Json(await browser.GetAsync($"/api/cases/cases/{caseId}"))).GetProperty("caseworkerId").GetGuid().ShouldBe(city.CaseworkerA);

        // Another session's token is no good here.
        var (_, otherCsrf) = await city.SignedInAsync(city.CaseworkerA);
        using var borrowed = await browser.SendAsync(Post("/api/cases/cases", NewCase(Guid.NewGuid(), city.StationA, city.CaseworkerA), otherCsrf));
        borrowed.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Signing_out_needs_the_CSRF_token_and_ends_the_session()
    {
        var (browser, csrf) = await city.SignedInAsync(city.Officer);
        (await browser.PostAsync("/auth/sign-out", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync("/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/auth/sign-out");
        signOut.Headers.Add("X-CSRF-Token", csrf);
        (await browser.SendAsync(signOut)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await browser.GetAsync("/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signed_out_the_API_answers_401_problem_details()
    {
        var browser = city.Web.Browser();
        foreach (var response in new[]
                 {
                     await browser.GetAsync("/api/cases/stations"), await browser.GetAsync("/auth/me"),
                     await browser.SendAsync(Post("/api/cases/cases", new { })),
                 })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
        }
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        var (browser, _) = await city.SignedInAsync(city.CaseworkerA);
        foreach (var path in new[] { "/", "/api/cases/stations", "/auth/me", "/assets/app-3f9a1c.js" })
        {
            using var response = await browser.GetAsync(path);
            response.IsSuccessStatusCode.ShouldBeTrue(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.ShouldContain("default-src 'self'");
            csp.ShouldContain("script-src 'self';");
            csp.ShouldContain("style-src 'self' 'unsafe-inline'");
            csp.ShouldContain("img-src 'self' data: blob:;");
            csp.ShouldContain("connect-src 'self'");
            csp.ShouldContain("frame-ancestors 'none'");
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
            response.Headers.GetValues("Cross-Origin-Opener-Policy").Single().ShouldBe("same-origin");
            response.Headers.Contains("Permissions-Policy").ShouldBeTrue();
        }
    }

    [Fact]
    public async Task The_app_is_served_with_its_pages_falling_back_to_index_html()
    {
        var browser = city.Web.Browser();
        using var index = await browser.GetAsync("/");
        (await index.Content.ReadAsStringAsync()).ShouldContain("<title>工作台</title>");
        index.Headers.CacheControl!.NoCache.ShouldBeTrue();

        using var page = await browser.GetAsync($"/cases/{Guid.NewGuid()}/timeline");
        (await page.Content.ReadAsStringAsync()).ShouldContain("<title>工作台</title>");
        page.Headers.CacheControl!.NoCache.ShouldBeTrue();

        using var asset = await browser.GetAsync("/assets/app-3f9a1c.js");
        asset.StatusCode.ShouldBe(HttpStatusCode.OK);
        asset.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromDays(365));

        (await browser.GetAsync("/assets/missing-0000.js")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync("/api/nowhere/at-all")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var note in new[] { "/.vite/route-preloads.json", "/.vite/manifest.json" })
            (await browser.GetAsync(note)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the build's notes are not served");
    }

    [Fact]
    public async Task A_first_visit_to_a_page_names_that_page_s_chunks_for_the_browser_to_fetch_at_once()
    {
        var browser = city.Web.Browser();
        var caseload = await browser.GetStringAsync("/caseload");
        caseload.ShouldContain("""<link rel="modulepreload" crossorigin href="/assets/caseload-a1.js">""");
        caseload.ShouldContain("""<link rel="modulepreload" crossorigin href="/assets/table-b2.js"></head>""");

        var tab = await browser.GetStringAsync($"/cases/{Guid.NewGuid()}/timeline");
        tab.ShouldContain("""<link rel="modulepreload" crossorigin href="/assets/case-file-c3.js">""");
        tab.ShouldContain("""<link rel="stylesheet" crossorigin href="/assets/case-file-d4.css">""");

        // A page the build does not list (or a path with more segments) is the page as built.
        foreach (var path in new[] { "/", "/inbox", "/caseload/more", $"/cases/{Guid.NewGuid()}" })
            (await browser.GetStringAsync(path)).ShouldNotContain("modulepreload", customMessage: path);
    }

    [Fact]
    public async Task A_chunk_is_sent_compressed_to_a_browser_that_accepts_it_and_plain_to_one_that_does_not()
    {
        using var web = city.Web.CreateClient(); // no automatic decompression: the bytes as sent
        using var compressed = new HttpRequestMessage(HttpMethod.Get, "/assets/table-b2.js");
        compressed.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var brotli = await web.SendAsync(compressed);
        brotli.StatusCode.ShouldBe(HttpStatusCode.OK);
        brotli.Content.Headers.ContentEncoding.ShouldBe(["br"]);
        (brotli.Content.Headers.ContentType?.MediaType).ShouldBe("text/javascript");
        brotli.Headers.Vary.ShouldContain("Accept-Encoding");
        brotli.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromDays(365));
        await using (var decoded = new BrotliStream(await brotli.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
            (await new StreamReader(decoded).ReadToEndAsync()).ShouldBe(WebCity.TableChunk);

        using var refusing = new HttpRequestMessage(HttpMethod.Get, "/assets/table-b2.js");
        refusing.Headers.AcceptEncoding.ParseAdd("br;q=0, identity");
        using var plain = await web.SendAsync(refusing);
        plain.Content.Headers.ContentEncoding.ShouldBeEmpty();
        (await plain.Content.ReadAsStringAsync()).ShouldBe(WebCity.TableChunk);
        plain.Headers.Vary.ShouldContain("Accept-Encoding");
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_a_503_with_Retry_After()
    {
        var (browser, _) = await city.SignedInAsync(city.CaseworkerA);
        using var response = await browser.GetAsync("/api/volunteers/volunteers");
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
        response.Headers.RetryAfter.ShouldNotBeNull();
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString().ShouldBe("service.unavailable");
    }

    [Fact]
    public async Task A_service_with_a_dead_replica_is_answered_by_the_live_one_once_the_health_check_takes_the_dead_one_out()
    {
        var settings = WebHost.CityAddresses();
        settings["Web:Services:Cases"] = $"http://cases.test, http://127.0.0.1:{WebHost.ClosedPort()}";
        await using var web = new WebHost(settings, city.City);
        var browser = web.Browser();
        (await browser.PostAsJsonAsync("/auth/demo-sign-in", new { personId = city.CaseworkerA })).EnsureSuccessStatusCode();

        // Balanced over both, half the calls would fail for as long as the dead replica stayed in.
        await Eventually.Until(async () =>
        {
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < 10; i++) codes.Add((await browser.GetAsync($"/api/cases/stations?district={city.District}")).StatusCode);
            return codes;
        }, codes => codes.All(c => c == HttpStatusCode.OK), "ten calls in a row answered by the live replica", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_live_inbox_streams_through_with_its_Last_Event_ID()
    {
        var (browser, _) = await city.SignedInAsync(city.CaseworkerA);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/notifications/inbox/stream");
        using var response = await browser.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        // The stream never ends by itself: its first line arriving at all shows nothing buffers it.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        (await reader.ReadLineAsync(timeout.Token))!.ShouldStartWith("retry:");

        // The service reads Last-Event-ID: one it cannot parse it names in a 400.
        using var resume = new HttpRequestMessage(HttpMethod.Get, "/api/notifications/inbox/stream");
        resume.Headers.Add("Last-Event-ID", "not-a-position");
        using var refused = await browser.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Last-Event-ID");
    }
}

/// <summary>The Web host as deployed: OpenID Connect only.</summary>
public sealed class WebHostInProductionTests
{
    [Fact]
    public async Task Without_an_authority_it_refuses_to_start_naming_the_settings()
    {
        await using var web = new WebHost(new Dictionary<string, string>(), environment: "Production");
        var refusal = Should.Throw<Exception>(() => web.Server);
        refusal.ToString().ShouldContain("Auth:Authority");
        refusal.ToString().ShouldContain("Web:Oidc:ClientId");
    }

    [Fact]
    public async Task The_demo_sign_in_does_not_exist_there()
    {
        await using var web = new WebHost(new Dictionary<string, string>
        {
            ["Auth:Authority"] = "https://id.fivesoc.example/realms/fivesoc",
            ["Web:Oidc:ClientId"] = "workbench",
            ["Web:AppPath"] = Path.Combine(Path.GetTempPath(), "fivesoc-no-app-" + Guid.NewGuid().ToString("N")[..8]),
        }, environment: "Production");
        var browser = web.Browser();
        (await browser.GetAsync("/auth/demo-people")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.PostAsJsonAsync("/auth/demo-sign-in", new { personId = Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // No app built: the host still answers, and says so.
        using var home = await browser.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).ShouldContain("工作台尚未构建");

        (await browser.GetAsync("/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
