using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.EndToEnd;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.IntegrationTests.Notifications;
using Npgsql;

namespace FiveSocieties.IntegrationTests.Backbone;

/// <summary>
/// Two real processes of every service, as deploy/run.sh --replicas 2 starts them, each service in
/// its own database (so the async daemon's leadership is per service, as deployed) and with the
/// daemon as in production (HotCold), and two Web hosts in front of them. Flows A, B and C run;
/// halfway, one replica of each service and one Web host are killed with SIGKILL while the
/// messages of the last steps are in flight. The flows' people call the services directly (only
/// rostered people can sign in through the Web host), balanced over both replicas and retrying a
/// refused connection or a 502/503 on the other, as the Web host and the app's offline queue do;
/// flow A's caseworker also watches the live inbox through a Web host, signed in.
/// </summary>
public sealed class TwoReplicasKillTests : IAsyncLifetime, ICityClients
{
    private static readonly string[] ServiceNames = ["matching", "volunteers", "notifications", "cases"];

    /// <summary>The readiness of the replica leading the daemon (or of one whose service has nothing asynchronous).</summary>
    private const string Leading = "running";

    private readonly TestIsolation _isolation = new();
    private readonly Dictionary<string, ReplicaProcess[]> _replicas = new();
    private readonly ReplicaProcess[] _web = new ReplicaProcess[2];
    private readonly string _webKeys = Path.Combine(Path.GetTempPath(), "fivesoc-web-keys-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xUnit does not dispose a class whose start failed: the processes would outlive the run.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        await _isolation.InitializeAsync();
        foreach (var service in ServiceNames) _replicas[service] = new ReplicaProcess[2];
        // One replica of each first, so that each service's schema is created by one process, not raced.
        // The first leads each service's daemon (the relay and the asynchronous projections) before the second starts.
        for (var replica = 0; replica < 2; replica++)
        {
            foreach (var service in ServiceNames)
                _replicas[service][replica] = ReplicaProcess.Start(service, replica + 1, _isolation.Id, Settings(service));
            await Task.WhenAll(ServiceNames.Select(service => _replicas[service][replica].WaitReadyAsync()));
            if (replica == 0)
                await Task.WhenAll(ServiceNames.Select(service => _replicas[service][0].WaitLeadingAsync()));
        }
        await StartWebHostsAsync();
    }

    private Dictionary<string, string> Settings(string service)
    {
        var settings = _isolation.SettingsFor(service).ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value!);
        settings["EventStore__Database"] = Database(service);
        settings["EventStore__DaemonMode"] = "HotCold";
        return settings;
    }

    private string Database(string service) => $"{_isolation.Id}_{service}";

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas.Values.SelectMany(r => r).Concat(_web).OfType<ReplicaProcess>()) replica.Dispose();
        if (Directory.Exists(_webKeys)) Directory.Delete(_webKeys, recursive: true);
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(LocalServers.PostgresFor("postgres")))
        {
            await connection.OpenAsync();
            foreach (var service in ServiceNames)
            {
                await using var drop = new NpgsqlCommand($"drop database if exists \"{Database(service)}\" with (force)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        await _isolation.DisposeAsync();
    }

    public HttpClient ClientFor(string service, string role, Guid user, Guid? station = null, Guid? provider = null) =>
        Client(_replicas[service].Select(r => r.Address).ToArray(), role, user, station, provider);

    private static HttpClient Client(Uri[] replicas, string role, Guid user, Guid? station, Guid? provider)
    {
        var client = new HttpClient(new RoundRobin(replicas)) { BaseAddress = replicas[0], Timeout = TimeSpan.FromSeconds(100) };
        var token = DevelopmentTokens.Mint(new AuthSettings(), user, [role], station, lifetime: TimeSpan.FromHours(1), providerId: provider);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Until every replica of Matching has the need in its index (each is fed from the event store on its own).</summary>
    private async Task EveryMatchingReplicaKnowsAsync(Story story, Guid caseworker, Guid need)
    {
        foreach (var replica in _replicas["matching"])
        {
            using var matching = Client([replica.Address], Roles.Caseworker, caseworker, story.Station, null);
            await Eventually.Until(async () => (await matching.GetAsync($"/needs/{need}/candidates")).IsSuccessStatusCode,
                known => known, $"need {need} known to Matching at {replica.Address}");
        }
    }

    private const string WebStreamPath = "/api/notifications/inbox/stream";

    /// <summary>
    /// Two Web hosts in front of both replicas of every service, sharing one folder of session
    /// keys; the second starts once the first has written the key.
    /// </summary>
    private async Task StartWebHostsAsync()
    {
        var settings = new Dictionary<string, string> { ["Web__KeysPath"] = _webKeys };
        foreach (var service in ServiceNames)
            settings[$"Web__Services__{char.ToUpperInvariant(service[0])}{service[1..]}"] = string.Join(',', _replicas[service].Select(r => r.Address.ToString().TrimEnd('/')));
        for (var replica = 0; replica < 2; replica++)
        {
            _web[replica] = ReplicaProcess.Start("web", replica + 1, _isolation.Id, settings);
            await _web[replica].WaitReadyAsync();
        }
    }

    /// <summary>The caseworker on a station roster, signed in through the first Web host's demo sign-in: the session cookie.</summary>
    private async Task<CookieContainer> SignInThroughTheWebHostAsync(Story story)
    {
        var district = "9" + Random.Shared.Next(0, 100_000).ToString("00000");
        using var admin = ClientFor("cases", Roles.Admin, Guid.NewGuid());
        (await admin.PostAsJsonAsync($"/districts/{district}/townships", new
        {
            districtName = "平城区", townships = new[] { new { code = district + "001", name = "新华街道" } },
        })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/stations", new { stationId = story.Station, districtCode = district, townshipCode = district + "001", name = "新华街道社工站" }))
            .EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/stations/{story.Station}/staff", new { personId = story.Caseworker, role = "Caseworker", name = "李社工" }))
            .EnsureSuccessStatusCode();
        var cookies = new CookieContainer();
        using var browser = Browser([_web[0].Address], cookies);
        (await browser.PostAsJsonAsync("/auth/demo-sign-in", new { personId = story.Caseworker })).EnsureSuccessStatusCode();
        return cookies;
    }

    /// <summary>A browser of the app: its session cookie, no bearer token; balanced and retried like the other clients.</summary>
    private static HttpClient Browser(Uri[] webHosts, CookieContainer session) =>
        new(new RoundRobin(webHosts, session)) { BaseAddress = webHosts[0], Timeout = TimeSpan.FromSeconds(100) };

    private static Func<JsonElement, bool> About(Guid referralId) =>
        item => item.GetProperty("parameters").GetProperty("referralId").GetString() == referralId.ToString();

    [Fact]
    public async Task Flows_A_B_and_C_complete_across_a_SIGKILL_of_one_replica_of_each_service_with_nothing_lost_or_repeated()
    {
        var a = new FlowA(new Story(this));
        var b = new FlowB(new Story(this));
        var c = new FlowC(new Story(this), EveryMatchingReplicaKnowsAsync);
        // Flow A's caseworker watches their inbox live twice: straight from the Notifications
        // replica about to be killed, and as the app does, signed in through the Web host about to
        // be killed, whose session the other Web host must honour.
        var notifications = _replicas["notifications"];
        await using var live = await LiveInbox.OpenAsync(
            Client([notifications[0].Address], Roles.Caseworker, a.Story.Caseworker, a.Story.Station, null),
            ClientFor("notifications", Roles.Caseworker, a.Story.Caseworker, a.Story.Station));
        var session = await SignInThroughTheWebHostAsync(a.Story);
        await using var app = await LiveInbox.OpenAsync(
            Browser([_web[0].Address], session), Browser(_web.Select(w => w.Address).ToArray(), session), WebStreamPath);

        await Task.WhenAll(a.FirstHalfAsync(), b.FirstHalfAsync(), c.FirstHalfAsync());
        // The last steps' messages are being relayed and consumed now: kill the replica of each
        // service that leads its daemon and holds its sweeps, and serves the live inbox; and a Web host.
        foreach (var service in ServiceNames) (await _replicas[service][0].DaemonAsync()).ShouldBe(Leading, service);
        foreach (var service in ServiceNames) _replicas[service][0].Kill();
        _web[0].Kill();
        var beforeTheKill = (Direct: live.Received.Count, App: app.Received.Count);
        await Task.WhenAll(a.SecondHalfAsync(), b.SecondHalfAsync(), c.SecondHalfAsync());
        // The survivors took the daemon over: they relayed what the flows did after the kill.
        foreach (var service in ServiceNames) (await _replicas[service][1].DaemonAsync()).ShouldBe(Leading, service);

        // Both live inboxes came back through the survivors and missed nothing and repeated nothing.
        var items = await Eventually.Until(async () =>
            {
                live.ThrowIfBroken();
                app.ThrowIfBroken();
                var inbox = await HttpJson.Json(await a.Story.InboxOf(a.Story.Caseworker).GetAsync("/inbox?pageSize=100"));
                return inbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Order().ToList();
            }, inbox => live.Received.Count == inbox.Count && app.Received.Count == inbox.Count, "both live inboxes to have every inbox item");
        foreach (var (stream, before, what) in new[] { (live, beforeTheKill.Direct, "straight from Notifications"), (app, beforeTheKill.App, "through the Web host") })
        {
            before.ShouldBeGreaterThan(0, $"notifications streamed {what} before the kill");
            stream.Received.Count.ShouldBeGreaterThan(before, $"notifications streamed {what} after the kill");
            stream.Reconnections.ShouldBeGreaterThan(0, what);
            var positions = stream.Received.Select(e => e.Position).ToList();
            positions.ShouldBe(Enumerable.Range(1, positions.Count).Select(p => (long)p).ToList(), $"{what}: positions 1, 2, 3… with no gap and no repeat");
            stream.Received.Select(e => e.NotificationId).Order().ToList().ShouldBe(items, what);
        }

        await NothingRepeatedInTheStoresAsync();
        await NothingParkedOnTheBrokerAsync();
    }

    /// <summary>
    /// A message consumed twice would append its events twice: no stream in any store has two
    /// events of one kind caused by the same message.
    /// </summary>
    private async Task NothingRepeatedInTheStoresAsync()
    {
        foreach (var service in ServiceNames)
        {
            await using var connection = new NpgsqlConnection(LocalServers.PostgresFor(Database(service)));
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand($"""
                select coalesce(string_agg(stream_id || ' ' || type, ', '), '') from (
                  select stream_id, type from "{_isolation.SchemaFor(service)}".mt_events
                  where causation_id is not null group by stream_id, type, causation_id having count(*) > 1) repeated
                """, connection);
            ((string)(await query.ExecuteScalarAsync())!).ShouldBeEmpty($"{service}: events appended twice for one message");
        }
    }

    /// <summary>No message given up on: every error queue of the test's virtual host is empty.</summary>
    private async Task NothingParkedOnTheBrokerAsync()
    {
        using var management = LocalServers.Management();
        var queues = await HttpJson.Json(await management.GetAsync($"api/queues/{Uri.EscapeDataString(_isolation.Id)}"));
        foreach (var queue in queues.EnumerateArray().Where(q => q.GetProperty("name").GetString()!.EndsWith("_error")))
            (queue.TryGetProperty("messages", out var count) ? count.GetInt64() : 0).ShouldBe(0, queue.GetProperty("name").GetString());
    }

    /// <summary>Flow A: a canteen's meal offer linked to Ms Sun's need, approved before the kill, accepted after it.</summary>
    private sealed class FlowA(Story story)
    {
        public Story Story => story;
        private Guid _canteen, _meals, _msSun, _need, _referral;

        public async Task FirstHalfAsync()
        {
            _canteen = await story.RegisterProviderAsync("南河堡乡长者食堂", "Canteen");
            _meals = await story.OfferAsync(_canteen, "MealDelivery", "长者食堂助餐送餐", capacity: 2, groups: ["Elderly"]);
            _msSun = await story.OpenCaseAsync(story.Caseworker, "Elderly", ["EmptyNest", "LivesAlone", "AdvancedAge"]);
            _need = await story.RaiseNeedAsync(story.Caseworker, _msSun, "MealDelivery");
            _referral = (await story.ReferralAsync(story.Caseworker, _need,
                r => r.GetProperty("offerId").GetGuid() == _meals && r.GetProperty("status").GetString() == "AwaitingApproval", "the canteen proposed"))
                .GetProperty("id").GetGuid();
            await Story.InboxAsync(story.InboxOf(story.Caseworker), "referral-proposed.approve", 1, About(_referral));
            (await story.MatchingAs(story.Caseworker).PostAsync($"/referrals/{_referral}/approve", null)).EnsureSuccessStatusCode();
        }

        public async Task SecondHalfAsync()
        {
            await Story.InboxAsync(story.ProviderInbox(_canteen), "referral-approved.accept", 1, About(_referral));
            (await story.MatchingAsProvider(_canteen).PostAsync($"/referrals/{_referral}/accept", null)).EnsureSuccessStatusCode();
            await Story.InboxAsync(story.InboxOf(story.Caseworker), "referral-accepted", 1, About(_referral));
            await Eventually.Until(
                async () => await HttpJson.Json(await story.CasesAs(story.Caseworker).GetAsync($"/cases/{_msSun}")),
                c => c.GetProperty("needs").EnumerateArray().Any(n => n.GetProperty("id").GetGuid() == _need && n.GetProperty("status").GetString() == "Matched"),
                "the need Matched on Ms Sun's case");
            (await HttpJson.Json(await story.MatchingAsProvider(_canteen).GetAsync($"/offers/{_meals}"))).GetProperty("freeCapacity").GetInt32().ShouldBe(1);
            var timeline = await HttpJson.Json(await story.CasesAs(story.Caseworker).GetAsync($"/cases/{_msSun}/timeline"));
            timeline.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "ReferralAccepted").ShouldBe(1);
            await Once(story.InboxOf(story.Caseworker), ("referral-proposed.approve", 1), ("referral-accepted", 1));
            await Once(story.ProviderInbox(_canteen), ("referral-approved.accept", 1));
        }
    }

    /// <summary>
    /// Flow B up to the missed meal: Ms Sun enrolled for meals; tomorrow's meal offered, declined,
    /// reassigned and accepted after the kill; the next day's missed meal alerts her caseworker.
    /// (The escalation half an hour later needs the city's clock moved: FlowsAcrossTheCityTests.)
    /// </summary>
    private sealed class FlowB(Story story)
    {
        private Guid _msSun;
        private Guid _first, _second;

        public async Task FirstHalfAsync()
        {
            var canteen = await story.RegisterProviderAsync("南河堡乡长者食堂", "Canteen");
            await story.OfferAsync(canteen, "MealDelivery", "长者食堂助餐送餐", capacity: 5, groups: ["Elderly"], 40.421, 114.090);
            _msSun = await story.MsSunWhoSharesHerDeliveryDetailsAsync(DateTimeOffset.UtcNow);
            var need = await story.RaiseNeedAsync(story.Caseworker, _msSun, "MealDelivery");
            var referral = (await story.ReferralAsync(story.Caseworker, need, r => r.GetProperty("status").GetString() == "AwaitingApproval", "proposal"))
                .GetProperty("id").GetGuid();
            (await story.MatchingAs(story.Caseworker).PostAsync($"/referrals/{referral}/approve", null)).EnsureSuccessStatusCode();
            _first = await story.VolunteerAsync(40.420, 114.089);
            _second = await story.VolunteerAsync(40.425, 114.095);
            (await story.MatchingAsProvider(canteen).PostAsync($"/referrals/{referral}/accept", null)).EnsureSuccessStatusCode();
        }

        public async Task SecondHalfAsync()
        {
            await story.EnrolledForMealsAsync(_msSun);
            var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
            var tomorrow = today.AddDays(1);
            var (delivery, firstTaker, other) = await story.MealDeclinedAndReassignedAsync(tomorrow, _msSun, _first, _second);
            (await story.VolunteersAs(other).PostAsync($"/deliveries/{delivery}/accept", null)).EnsureSuccessStatusCode();
            var dayAfter = tomorrow.AddDays(1);
            await story.MealMissedAsync(dayAfter, _msSun);

            // One delivery a day for her, however often the plan and the dispatch ran; each message once.
            foreach (var date in new[] { tomorrow, dayAfter })
                (await HttpJson.Json(await story.Coordinator.GetAsync($"/deliveries?date={date:yyyy-MM-dd}")))
                    .EnumerateArray().Count(d => d.GetProperty("caseId").GetGuid() == _msSun).ShouldBe(1);
            await Once(story.InboxOf(story.Caseworker), ("delivery-missed.lives-alone", 1));
            await Once(story.InboxOf(firstTaker, Roles.Volunteer));
            await Once(story.InboxOf(other, Roles.Volunteer));
        }
    }

    /// <summary>Flow C: a new tutoring offer, published just before the kill, reaches each caseworker with fitting needs once.</summary>
    private sealed class FlowC(Story story, Func<Story, Guid, Guid, Task> everyMatchingReplicaKnows)
    {
        private readonly (Guid Wang, Guid Li, Guid Zhao) _caseworkers = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        private Guid[] _wangCases = [];
        private Guid _liCase;

        public async Task FirstHalfAsync()
        {
            var (wang, li, zhao) = _caseworkers;
            _wangCases = [await story.OpenCaseAsync(wang, "Child", ["LeftBehind"]), await story.OpenCaseAsync(wang, "Child", ["LeftBehind", "ChildInDifficulty"])];
            var needs = new List<(Guid Caseworker, Guid Need)>();
            foreach (var c in _wangCases) needs.Add((wang, await story.RaiseNeedAsync(wang, c, "Tutoring", "Routine", "Weekly")));
            _liCase = await story.OpenCaseAsync(li, "Child", ["LeftBehind"]);
            needs.Add((li, await story.RaiseNeedAsync(li, _liCase, "Tutoring", "Routine", "Weekly")));
            var zhaoCase = await story.OpenCaseAsync(zhao, "Elderly", ["LivesAlone"]);
            needs.Add((zhao, await story.RaiseNeedAsync(zhao, zhaoCase, "MealDelivery")));
            // Both replicas of Matching must know the needs before the offer arrives, or there is nobody to tell.
            foreach (var (caseworker, need) in needs) await everyMatchingReplicaKnows(story, caseworker, need);
            var charity = await story.RegisterProviderAsync("广灵县慈善协会", "Charity");
            await story.OfferAsync(charity, "Tutoring", "留守儿童课业辅导", capacity: 10, groups: ["Child"]);
        }

        public async Task SecondHalfAsync()
        {
            var (wang, li, zhao) = _caseworkers;
            var toWang = await Story.InboxAsync(story.InboxOf(wang), "resource-matched", 1);
            toWang.Single().GetProperty("parameters").GetProperty("caseCount").GetString().ShouldBe("2");
            var toLi = await Story.InboxAsync(story.InboxOf(li), "resource-matched", 1);
            toLi.Single().GetProperty("parameters").GetProperty("cases").GetString().ShouldBe(_liCase.ToString());
            await Story.InboxAsync(story.InboxOf(li), "referral-proposed.approve", 1);
            await Once(story.InboxOf(wang), ("resource-matched", 1));
            await Once(story.InboxOf(li), ("resource-matched", 1), ("referral-proposed.approve", 1));
            Story.Items(await HttpJson.Json(await story.InboxOf(zhao).GetAsync("/inbox?pageSize=100")), "resource-matched").ShouldBeEmpty();
        }
    }

    /// <summary>
    /// The inbox has exactly <paramref name="expected"/> of each rule named, and no two items alike
    /// (same rule, case and parameters): nothing was notified twice.
    /// </summary>
    private static async Task Once(HttpClient inbox, params (string Rule, int Count)[] expected)
    {
        var page = await HttpJson.Json(await inbox.GetAsync("/inbox?pageSize=100"));
        foreach (var (rule, count) in expected) Story.Items(page, rule).Count.ShouldBe(count, rule);
        var alike = page.GetProperty("items").EnumerateArray()
            .GroupBy(i => $"{i.GetProperty("rule").GetString()} {(i.TryGetProperty("caseId", out var c) ? c : default)} {i.GetProperty("parameters")}")
            .Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        alike.ShouldBeEmpty("notified twice");
    }

    /// <summary>
    /// A reader of /inbox/stream that reconnects as a browser's EventSource does: when the stream
    /// breaks, again (through <c>reconnect</c>, which balances over the replicas) with the id of
    /// the last event received as Last-Event-ID.
    /// </summary>
    private sealed class LiveInbox : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<ServerSentEvent> _received = [];
        private Task _reading = Task.CompletedTask;
        private int _reconnections;

        public IReadOnlyList<ServerSentEvent> Received { get { lock (_received) return [.. _received]; } }
        public int Reconnections => Volatile.Read(ref _reconnections);

        /// <summary>The reason the reader stopped (a reconnect refused, say), rather than waiting on events that will never come.</summary>
        public void ThrowIfBroken()
        {
            if (_reading.IsFaulted) _reading.GetAwaiter().GetResult();
        }

        public static async Task<LiveInbox> OpenAsync(HttpClient first, HttpClient reconnect, string path = "/inbox/stream")
        {
            var live = new LiveInbox();
            var stream = await SseClient.ConnectAsync(first, path: path);
            live._reading = live.ReadAsync(stream, reconnect, path);
            return live;
        }

        private async Task ReadAsync(SseClient stream, HttpClient reconnect, string path)
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        var next = await stream.NextAsync(Timeout.InfiniteTimeSpan, _stop.Token);
                        lock (_received) _received.Add(next);
                    }
                }
                catch (Exception e) when (e is IOException or HttpRequestException or EndOfStreamException)
                {
                    await stream.DisposeAsync();
                    Interlocked.Increment(ref _reconnections);
                    string? lastId;
                    lock (_received) lastId = _received.LastOrDefault()?.Id;
                    stream = await SseClient.ConnectAsync(reconnect, lastId, path);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    break;
                }
            }
            await stream.DisposeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try { await _reading; }
            catch (OperationCanceledException) { }
            _stop.Dispose();
        }
    }

    /// <summary>
    /// Sends each request to the next replica in turn; a refused connection, or a 502/503 (a
    /// replica starting, stopping or briefly without its database), is tried again on the next
    /// one after a short pause. The request body is buffered so it can be sent again.
    /// </summary>
    private sealed class RoundRobin(Uri[] replicas, CookieContainer? cookies = null) : DelegatingHandler(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(2), UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer(),
    })
    {
        private const int Attempts = 30;
        private int _next = Random.Shared.Next(replicas.Length);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                var replica = replicas[(int)((uint)Interlocked.Increment(ref _next) % (uint)replicas.Length)];
                var copy = new HttpRequestMessage(request.Method, new Uri(replica, request.RequestUri!.PathAndQuery)) { Version = request.Version };
                foreach (var (name, values) in request.Headers) copy.Headers.TryAddWithoutValidation(name, values);
                if (body is not null)
                {
                    copy.Content = new ByteArrayContent(body);
                    foreach (var (name, values) in request.Content!.Headers) copy.Content.Headers.TryAddWithoutValidation(name, values);
                }
                try
                {
                    var response = await base.SendAsync(copy, cancellationToken);
                    if (response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable) || attempt == Attempts)
                        return response;
                    response.Dispose();
                }
                catch (HttpRequestException) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
                {
                    // Refused or reset: the replica is gone; the next one is tried.
                }
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * attempt, 1000)), cancellationToken);
            }
        }
    }

    /// <summary>One service's host program as a separate process, its output in a file under .local/test-capture.</summary>
    private sealed class ReplicaProcess : IDisposable
    {
        private readonly Process _process;
        private readonly string _log;

        private ReplicaProcess(Process process, Uri address, string log) { _process = process; Address = address; _log = log; }

        public Uri Address { get; }

        public static ReplicaProcess Start(string service, int replica, string run, Dictionary<string, string> settings)
        {
            var name = char.ToUpperInvariant(service[0]) + service[1..];
            var bin = Path.Combine(Repository.Root, "services", name, "bin", "Release", "net10.0");
            var dll = Path.Combine(bin, $"FiveSocieties.{name}.dll");
            File.Exists(dll).ShouldBeTrue($"{dll} is built by dotnet build FiveSocieties.sln");
            var folder = Path.Combine(Repository.Root, ".local", "test-capture");
            Directory.CreateDirectory(folder);
            var log = Path.Combine(folder, $"replica-{run}-{service}-{replica}.log");
            var address = new Uri($"http://127.0.0.1:{FreePort()}");
            // Through sh only to send the output to the file: exec makes the process the host itself, which Kill() then kills.
            var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = bin, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec dotnet \"$0\" >\"$1\" 2>&1");
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add(log);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
            foreach (var (key, value) in settings) start.Environment[key] = value;
            return new ReplicaProcess(Process.Start(start)!, address, log);
        }

        /// <summary>Until /health/ready answers 200 (its database, broker and daemon are up).</summary>
        public async Task WaitReadyAsync()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.Until(async () =>
            {
                _process.HasExited.ShouldBeFalse($"{Address} exited; see {_log}");
                try { return (await http.GetAsync(new Uri(Address, "/health/ready"))).IsSuccessStatusCode; }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
            }, ready => ready, $"{Address} ready (log: {_log})", TimeSpan.FromSeconds(120));
        }

        /// <summary>What its readiness says of the async daemon: "running" where it leads (or there is nothing asynchronous), "standby: …" elsewhere (HotCold).</summary>
        public async Task<string> DaemonAsync()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(new Uri(Address, "/health/ready"));
            var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var daemon = report.GetProperty("checks").GetProperty("daemon").GetProperty("description").GetString() ?? "";
            return daemon.StartsWith("idle") ? Leading : daemon;
        }

        public Task WaitLeadingAsync() =>
            Eventually.Until(DaemonAsync, daemon => daemon == Leading, $"{Address} leading its daemon", TimeSpan.FromSeconds(60));

        /// <summary>SIGKILL: no shutdown, no goodbye to PostgreSQL or RabbitMQ.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited) Kill();
            }
            catch (InvalidOperationException)
            {
                // It has gone already.
            }
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
