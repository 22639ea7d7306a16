using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
using FiveSocieties.Cli.Measuring;
using FiveSocieties.Cli.Seed;
using Microsoft.Playwright;
using Spectre.Console.Cli;
using Spectre.Console;

namespace FiveSocieties.Bench;

/// <summary>
/// fivesoc-bench workbench: the station workbench in Debian's chromium against `deploy/run.sh --demo`.
/// It gives one caseworker of the story village a 300-case caseload (idempotent), signs in as them,
/// their supervisor, the district's duty officer and the station's coordinator, and for every page
/// in each one's menu measures the time from navigation until the page is usable: its heading shown,
/// no spinner left in the main area. Both a full page load and an in-app move from the menu; the
/// first full load in a fresh browser is the cold one. Beside each figure, measured in the same
/// run: the slowest API call the page made (as the browser timed it) and a static file's round
/// trip, so the app's own part can be told from the services' and the machine's.
/// </summary>
public sealed partial class WorkbenchBenchCommand : AsyncCommand<WorkbenchBenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--web <URL>"), DefaultValue("http://127.0.0.1:5100"), Description("the Web host (deploy/run.sh --demo)")]
        public string Web { get; init; } = "http://127.0.0.1:5100";

        [CommandOption("--caseload <N>"), DefaultValue(300), Description("cases of the busy caseworker (seeded if missing)")]
        public int Caseload { get; init; } = 300;

        [CommandOption("--runs <N>"), DefaultValue(5), Description("warm runs per page and kind of navigation")]
        public int Runs { get; init; } = 5;

        [CommandOption("--chromium <PATH>"), Description("chromium to drive (default: FIVESOC_CHROMIUM or /usr/bin/chromium)")]
        public string? Chromium { get; init; }

        [CommandOption("--cold-runs <N>"), DefaultValue(1), Description("first loads in a fresh browser per page (the median is reported)")]
        public int ColdRuns { get; init; } = 1;

        [CommandOption("--compare <URL>"), Description("a second Web host in front of the same services (another build of the app): its cold loads alternate with these, page by page")]
        public string? Compare { get; init; }

        [CommandOption("--out <DIR>"), DefaultValue(".local/bench"), Description("where the Markdown report goes")]
        public string Out { get; init; } = ".local/bench";

        public override ValidationResult Validate() =>
            Caseload is < 1 or > 5_000 ? ValidationResult.Error("--caseload must be between 1 and 5000")
            : Runs is < 1 or > 100 ? ValidationResult.Error("--runs must be between 1 and 100")
            : ColdRuns is < 1 or > 100 ? ValidationResult.Error("--cold-runs must be between 1 and 100")
            : Compare is not null && !Uri.TryCreate(Compare, UriKind.Absolute, out _) ? ValidationResult.Error("--compare must be an absolute URL")
            : ValidationResult.Success();
    }

    /// <summary>One page as one person met it.</summary>
    public sealed record PageResult(string Person, string Path, IReadOnlyList<double> Colds, IReadOnlyList<double> ComparedColds,
        IReadOnlyList<double> Loads, IReadOnlyList<double> Moves, IReadOnlyList<double> SlowestApi, int Rows)
    {
        public double Cold => Median(Colds);
    }

    // Usable: the page's own heading is in the main area, and nothing there is still loading.
    private const string UsableScript = """
        (path) => {
          if (location.pathname !== path) return false;
          const main = document.getElementById('main');
          // The URL changes before React renders the new page: until #main says it shows this path, the h1 is the last page's.
          if (!main || main.dataset.path !== path || !main.querySelector('h1')) return false;
          if (main.querySelector('.ant-spin-spinning, .ant-skeleton-active, [aria-busy="true"]')) return false;
          return performance.now();
        }
        """;

    private const string SlowestApiScript = """
        (since) => Math.max(0, ...performance.getEntriesByType('resource')
          .filter(e => e.name.includes('/api/') && e.startTime >= since && !e.name.includes('/stream'))
          .map(e => e.responseEnd - e.startTime))
        """;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var web = new Uri(settings.Web.TrimEnd('/') + "/");
        var compare = settings.Compare is { } other ? new Uri(other.TrimEnd('/') + "/") : null;
        var busy = DemoCityGenerator.BusyCaseload(settings.Caseload);
        var station = busy.Stations[0];

        AnsiConsole.MarkupLine($"[bold]setting up[/]: {busy.Households.Sum(h => h.Clients.Count)} case files for 王忙碌 at {station.Name} (idempotent)");
        using (var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 16 })
            await new CitySeeder(ServiceClients.For(web.Host, handler), 8).SeedAsync(busy, cancellationToken: cancellationToken);

        using var http = new HttpClient { BaseAddress = web, Timeout = TimeSpan.FromSeconds(30) };
        var people = await RosterAsync(http, station.Id, cancellationToken);
        var persons = new (Guid Id, string Label)[]
        {
            (DemoCityGenerator.BusyCaseworkerId, $"caseworker ({settings.Caseload} cases)"),
            (station.SupervisorId, "supervisor"),
            (station.CoordinatorId, "coordinator"),
            (DemoCityGenerator.DistrictOfficerId(station.DistrictCode), "district officer"),
        }.Where(p => people.Contains(p.Id)).ToList();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = settings.Chromium ?? (Environment.GetEnvironmentVariable("FIVESOC_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium"),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });

        var results = new List<PageResult>();
        var staticTrips = new List<double>();
        foreach (var (person, label) in persons)
        {
            AnsiConsole.MarkupLine($"[bold]{label}[/]");
            await using var browserContext = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = web.ToString().TrimEnd('/'), Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
                ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            });
            var page = await browserContext.NewPageAsync();
            await page.GotoAsync("/favicon.svg");
            var signedIn = await page.EvaluateAsync<int>(
                "async (id) => (await fetch('/auth/demo-sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: id }) })).status",
                person.ToString());
            if (signedIn != 200) throw new InvalidOperationException($"signing in as {label} ({person}) answered {signedIn}");

            // The pages of this person's menu, in its order (antd names each item "<menu id>-<key>", the key being the path).
            await page.GotoAsync("/");
            await page.WaitForFunctionAsync("() => document.querySelector('nav [role=menuitem]') && document.getElementById('main')?.querySelector('h1')");
            var menu = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('nav [role=menuitem]')].map(e => (e.getAttribute('data-menu-id') ?? '').replace(/^.*?-(?=\\/)/, ''))");
            var items = menu.Length;
            var paths = menu.ToList();
            if (label.StartsWith("caseworker", StringComparison.Ordinal) && await FirstCaseAsync(page, person) is { } caseId)
                paths.Add($"/cases/{caseId}");

            foreach (var path in paths)
            {
                var colds = new List<double>();
                var compared = new List<double>();
                for (var run = 0; run < settings.ColdRuns; run++)
                {
                    // With a second host the two alternate, each going first every other time, so that
                    // neither always meets the machine as the other left it.
                    if (compare is not null && run % 2 == 1) compared.Add(await ColdLoadAsync(browser, compare, person, path));
                    colds.Add(await ColdLoadAsync(browser, web, person, path));
                    if (compare is not null && run % 2 == 0) compared.Add(await ColdLoadAsync(browser, compare, person, path));
                }
                var loads = new List<double>();
                var moves = new List<double>();
                var slowest = new List<double>();
                for (var run = 0; run < settings.Runs; run++)
                {
                    await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
                    loads.Add(await UsableAsync(page, path));
                    slowest.Add(await page.EvaluateAsync<double>(SlowestApiScript, 0));

                    // In-app: from another page of the menu, as a click on the menu does it.
                    var from = paths.FirstOrDefault(p => p != path);
                    if (from is null || paths.IndexOf(path) >= items || paths.IndexOf(from) >= items) continue;
                    await page.GotoAsync(from);
                    await UsableAsync(page, from);
                    var start = await page.EvaluateAsync<double>("() => performance.now()");
                    await page.Locator("nav [role=menuitem]").Nth(paths.IndexOf(path)).ClickAsync();
                    moves.Add(await UsableAsync(page, path) - start);
                }
                var rows = await page.Locator("#main tbody tr.ant-table-row").CountAsync();
                staticTrips.Add(await page.EvaluateAsync<double>(
                    "async () => { const t = performance.now(); await fetch('/favicon.svg?' + Math.random(), { cache: 'no-store' }); return performance.now() - t; }"));
                var result = new PageResult(label, path, colds, compared, loads, moves, slowest, rows);
                results.Add(result);
                AnsiConsole.MarkupLine($"  {Markup.Escape(path),-28} cold {result.Cold,6:F0} ms{(compare is null ? "" : $" (compared {Median(compared):F0})")}  load p50 {Median(loads),5:F0} ms  move p50 {Median(moves),5:F0} ms  slowest API p50 {Median(slowest),5:F0} ms");
            }
        }

        var initialJs = InitialScriptBytes(Path.Combine(Repository(), "services", "Web", "wwwroot"));
        Directory.CreateDirectory(settings.Out);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var report = Markdown(results, staticTrips, initialJs, settings);
        var file = Path.Combine(settings.Out, $"workbench-{stamp}.md");
        await File.WriteAllTextAsync(file, report, cancellationToken);
        AnsiConsole.WriteLine(report);
        AnsiConsole.MarkupLine($"report: [bold]{file}[/]");
        return 0;
    }

    /// <summary>The first load of a page in a fresh browser (nothing cached), signed in already.</summary>
    private static async Task<double> ColdLoadAsync(IBrowser browser, Uri web, Guid person, string path)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = web.ToString().TrimEnd('/'), Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        // Signing in through the request API leaves the browser's cache empty.
        var response = await context.APIRequest.PostAsync("/auth/demo-sign-in", new APIRequestContextOptions
        {
            DataObject = new { personId = person }, Headers = new Dictionary<string, string> { ["Origin"] = web.GetLeftPart(UriPartial.Authority) },
        });
        if (!response.Ok) throw new InvalidOperationException($"signing in for a cold load answered {response.Status}");
        var page = await context.NewPageAsync();
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        return await UsableAsync(page, path);
    }

    /// <summary>performance.now() when the page became usable, checked on every animation frame (Playwright's default polling) (for a full load, that is the time since navigation began).</summary>
    private static async Task<double> UsableAsync(IPage page, string path)
    {
        var handle = await page.WaitForFunctionAsync(UsableScript, path,
            new PageWaitForFunctionOptions { Timeout = 60_000 });
        return await handle.JsonValueAsync<double>();
    }

    private static async Task<Guid?> FirstCaseAsync(IPage page, Guid caseworker)
    {
        var json = await page.EvaluateAsync<JsonElement>(
            "async (id) => (await fetch(`/api/cases/caseworkers/${id}/caseload`)).json()", caseworker.ToString());
        return json.TryGetProperty("cases", out var cases) && cases.GetArrayLength() > 0 ? cases[0].GetProperty("caseId").GetGuid() : null;
    }

    /// <summary>Who the Web host lets sign in, once it has read the rosters again after the seed (it keeps them for 30 s).</summary>
    private static async Task<HashSet<Guid>> RosterAsync(HttpClient http, Guid station, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var people = await http.GetFromJsonAsync<JsonElement>("auth/demo-people", cancellationToken);
            var ids = people.EnumerateArray().Select(p => p.GetProperty("personId").GetGuid()).ToHashSet();
            if (ids.Contains(DemoCityGenerator.BusyCaseworkerId)) return ids;
            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
                throw new InvalidOperationException("The Web host's demo sign-in does not list the busy caseworker; is it running with --demo against these services?");
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    /// <summary>The gzip size of what index.html loads before any route's own chunk: its module script and the chunks it preloads.</summary>
    public static (long Gzip, long Raw, int Files) InitialScriptBytes(string wwwroot)
    {
        var index = File.ReadAllText(Path.Combine(wwwroot, "index.html"));
        var files = InitialScripts().Matches(index).Select(m => m.Groups["src"].Value).Distinct().ToList();
        long gzip = 0, raw = 0;
        foreach (var src in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(wwwroot, src.TrimStart('/')));
            raw += bytes.Length;
            using var buffer = new MemoryStream();
            using (var zip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) zip.Write(bytes);
            gzip += buffer.Length;
        }
        return (gzip, raw, files.Count);
    }

    [GeneratedRegex("""<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="(?<src>[^"]+\.js)""")]
    private static partial Regex InitialScripts();

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FiveSocieties.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }

    private static double Median(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : Percentiles.Of([.. values.Order()], 0.5);

    private static string Markdown(IReadOnlyList<PageResult> results, IReadOnlyList<double> staticTrips, (long Gzip, long Raw, int Files) initialJs,
        Settings settings)
    {
        var text = new StringBuilder();
        var floor = Median(staticTrips);
        text.AppendLine("# The workbench in a browser: time until each page is usable");
        text.AppendLine();
        var compareOption = settings.Compare is null ? "" : $" --compare {settings.Compare}";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Command: `fivesoc-bench workbench --caseload {settings.Caseload} --runs {settings.Runs} --cold-runs {settings.ColdRuns}{compareOption}` against `deploy/run.sh --demo` ({settings.Web}); " +
            $"Debian chromium, headless, 1366×900, zh-CN; machine load average (1 min) at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Usable = the page's heading is shown and nothing in the main area is loading. Load = a full page load (app cached); move = a click in the menu from another page; cold = the first load in a fresh browser. " +
            $"Raw, same run: a static file's round trip p50 {floor:F1} ms; the slowest API call of each load as the browser timed it. " +
            $"Initial JavaScript: {initialJs.Gzip / 1024.0:F0} KB gzip ({initialJs.Raw / 1024.0:F0} KB, {initialJs.Files} files).");
        text.AppendLine();
        var compared = settings.Compare is not null;
        text.AppendLine("| person | page | rows | cold p50 |" + (compared ? " cold p50 compared | cold ratio |" : "") + " load p50 | load max | move p50 | move max | slowest API p50 | load p50 − API | load p50 / (API + static) |");
        text.AppendLine("|---|---|---|---|" + (compared ? "---|---|" : "") + "---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var load = Median(r.Loads);
            var api = Median(r.SlowestApi);
            var comparedColumns = compared ? string.Create(CultureInfo.InvariantCulture, $" {Median(r.ComparedColds):F0} | {r.Cold / Median(r.ComparedColds):F2} |") : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Person} | `{r.Path}` | {r.Rows} | {r.Cold:F0} |{comparedColumns} {load:F0} | {r.Loads.Max():F0} | {(r.Moves.Count > 0 ? Median(r.Moves).ToString("F0", CultureInfo.InvariantCulture) : "—")} | " +
                $"{(r.Moves.Count > 0 ? r.Moves.Max().ToString("F0", CultureInfo.InvariantCulture) : "—")} | {api:F0} | {load - api:F0} | {load / (api + floor):F1}× |");
        }
        var worst = results.Count == 0 ? double.NaN : results.Max(r => r.Loads.Max());
        var worstMove = results.SelectMany(r => r.Moves).DefaultIfEmpty(double.NaN).Max();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Slowest warm load {worst:F0} ms, slowest move {worstMove:F0} ms, slowest cold load {results.Select(r => r.Cold).DefaultIfEmpty(double.NaN).Max():F0} ms (all ms); " +
            $"{results.Count(r => r.Cold > 1000)} of {results.Count} pages' cold p50 over 1 s.");
        if (compared && results.Count > 0)
            text.AppendLine(CultureInfo.InvariantCulture, $"Cold p50 here ÷ compared ({settings.Compare}), median over the pages: {Median(results.Select(r => r.Cold / Median(r.ComparedColds)).ToList()):F2}; " +
                $"{results.Count(r => Median(r.ComparedColds) > 1000)} of {results.Count} pages over 1 s there.");
        return text.ToString();
    }
}
