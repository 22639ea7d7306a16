// Runs the plan against the running services, through their public HTTP APIs only, as the city's
// people would: each morning caseworkers and providers answer the referrals waiting for them and
// coordinators plan the day's meals; volunteers take, decline, bring or miss them; caseworkers
// raise new needs, providers post offers, and urgent alerts are acknowledged (or not). Days are
// dates handed to the planning endpoints, never waits: every step waits only for the condition
// it needs (a proposal made, an enrolment in place, an alert arrived).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cli.Measuring;
using FiveSocieties.Cli.Seed;

namespace FiveSocieties.Cli.Simulate;

/// <summary>What one simulated day did, as the simulator counted it while acting.</summary>
public sealed class DayTally(int day, DateOnly date)
{
    public int Day { get; } = day;
    public DateOnly Date { get; } = date;
    public string Phase { get; set; } = "starting";
    public int NeedsRaised;
    public int NeedsMatched;
    public int OffersPosted;
    public int ReferralsApproved;
    public int ReferralsDeclinedByCaseworker;
    public int ReferralsAccepted;
    public int ReferralsDeclinedByProvider;
    public int DeliveriesPlanned;
    public int DeliveriesCompleted;
    public int DeliveriesMissed;
    public int DeliveriesFailed;
    public int DeliveriesCancelled;
    public int DeliveriesUnfinished;
    public int VolunteerDeclines;
    public int AlertsExpected;
    public int AlertsRaised;
    public int AlertsAcknowledged;
    /// <summary>Alerts acknowledged further up the chain: by the station's supervisor (level 1), by the district's officer (level 2).</summary>
    public int AlertsAcknowledgedBySupervisor;
    public int AlertsAcknowledgedByDistrict;
}

/// <summary>What the services say at the end, read back through the same APIs.</summary>
/// <param name="EscalateAfter">How long Notifications gave an urgent alert before escalating it in this run (from the alerts' own deadlines).</param>
/// <param name="Alarms">The missed-meal alarms as the stations' alarm boards hold them.</param>
public sealed record ServicesView(int SimulatedNeedsFound, int SimulatedNeedsMatched, int ReferralsExpired, int AlertsInInboxes,
    int AlertsAcknowledged, int AlertsEscalated, int EscalationsReceived, TimeSpan? EscalateAfter, AlarmTally Alarms)
{
    public int AlertsAwaitingEscalation => AlertsInInboxes - AlertsAcknowledged - AlertsEscalated;
}

/// <summary>
/// The missed-meal alarms of the simulated stations, from Notifications' alarm boards: the highest
/// level each reached, at which level it was acknowledged, the minutes from raised to acknowledged
/// on Notifications' clock (sorted), and how many reached nobody.
/// </summary>
public sealed record AlarmTally(
    int Raised, IReadOnlyDictionary<int, int> ReachedLevel, IReadOnlyDictionary<int, int> AcknowledgedAtLevel, int Open, int Unreached,
    IReadOnlyList<double> MinutesToAcknowledge)
{
    public static readonly AlarmTally None = new(0, new Dictionary<int, int>(), new Dictionary<int, int>(), 0, 0, []);
}

public sealed record SimulationResult(
    SimulationOptions Options, int Households, int Stations, int Volunteers, int Listeners, IReadOnlyList<DayTally> Days,
    IReadOnlyDictionary<string, IReadOnlyList<double>> LatencyByRule, IReadOnlyList<double> TimeToMatchMs,
    IReadOnlyDictionary<string, int> NotificationsByRule, IReadOnlyDictionary<string, int> Refusals, ServicesView Services, TimeSpan Elapsed);

/// <param name="letTimePassUntil">
/// Lets Notifications' clock reach the instant given (a test's fake clock, or a real wait against
/// services run with a short escalation chain). With it, each day ends by following the missed-meal
/// alarms up their chain — the supervisor and then the district's officer acknowledge as planned;
/// without it, alarms stay where the caseworkers left them.
/// </param>
public sealed class CitySimulation(ClientFactory clients, DemoCity city, SimulationPlan plan, int parallelism = 8,
    Func<DateTimeOffset, CancellationToken, Task>? letTimePassUntil = null) : IAsyncDisposable
{
    private static readonly TimeSpan ConditionLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<Guid, DemoStation> _stations = city.Stations.ToDictionary(s => s.Id);
    // A small city leaves most of Datong's 120 stations without households: their people have nothing to do.
    private readonly List<DemoStation> _active = city.Stations.Where(s => city.Households.Any(h => h.StationId == s.Id)).ToList();
    private readonly CancellationTokenSource _listening = new();
    private readonly List<Task> _listeners = [];

    // Latency is the time from the call that caused a notification to its arrival on the recipient's stream:
    // both sides keyed by (rule, what the notification is about), joined at the end (an arrival may beat the bookkeeping).
    private readonly ConcurrentDictionary<(string Rule, string Key), long> _causes = new();
    private readonly ConcurrentDictionary<(string Rule, string Key), long> _arrivals = new();
    private readonly ConcurrentDictionary<string, int> _notificationsByRule = new();
    private readonly ConcurrentDictionary<Guid, (Guid Notification, Guid Recipient, Guid? Station)> _alerts = new();
    // A missed delivery's alarm as it climbed: (delivery, level) → the escalation notification and whom it reached.
    private readonly ConcurrentDictionary<(Guid Delivery, int Level), (Guid Notification, Guid Recipient, Guid? Station, DateTimeOffset AcknowledgeBy)>
        _escalations = new();
    private readonly ConcurrentDictionary<Guid, long> _needCause = new();   // need → when its next proposal was caused (raised, or a decline)
    private readonly ConcurrentDictionary<Guid, long> _raisedAt = new();    // simulated needs only
    private readonly ConcurrentDictionary<Guid, byte> _seenReferrals = new();
    private readonly ConcurrentDictionary<Guid, long> _offerPostedAt = new();
    private readonly ConcurrentDictionary<Guid, long> _deliveryCause = new(); // delivery → when its current offer was caused
    private readonly ConcurrentDictionary<(Guid, Guid), byte> _seenOffers = new();
    private readonly ConcurrentDictionary<Guid, Guid> _toEnrol = new();      // case → station: meals accepted, not yet seen enrolled
    private readonly ConcurrentDictionary<Guid, byte> _consented = new();
    private readonly ConcurrentBag<double> _timeToMatch = [];
    private readonly ConcurrentDictionary<string, int> _refusals = new();
    private readonly List<PlannedNeed> _raised = [];
    private readonly List<DayTally> _days = [];
    private int _listenersConnected;
    private readonly Stopwatch _elapsed = new();

    /// <summary>Whether the city was seeded already: its last household's last case is on file.</summary>
    public static async Task<bool> IsSeededAsync(ClientFactory clients, DemoCity city, CancellationToken cancellationToken = default)
    {
        var household = city.Households[^1];
        using var response = await clients("cases", Roles.Caseworker, household.CaseworkerId, household.StationId)
            .GetAsync($"/cases/{household.Clients[^1].CaseId}", cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public int ListenersConnected => Volatile.Read(ref _listenersConnected);

    /// <summary>The days so far (for a live view; their counts move while a day runs).</summary>
    public IReadOnlyList<DayTally> Days { get { lock (_days) return [.. _days]; } }

    public async Task<IReadOnlyList<DayTally>> RunAsync(Action<DayTally>? progress = null, CancellationToken cancellationToken = default)
    {
        _elapsed.Start();
        foreach (var client in city.Households.SelectMany(h => h.Clients).Where(c => c.ConsentsToDeliverySharing)) _consented[client.CaseId] = 0;
        // Nobody sets preferences first: the seeded rosters alone make supervisors and district officers reachable.
        await ListenToEveryoneAsync(cancellationToken);

        foreach (var day in plan.Days)
        {
            var tally = new DayTally(day.Day, day.Date);
            lock (_days) _days.Add(tally);
            void Phase(string phase) { tally.Phase = phase; progress?.Invoke(tally); }

            Phase("morning: referrals waiting");
            await AnswerReferralsAsync(tally, cancellationToken);
            Phase("morning: enrolments");
            await WaitForEnrolmentsAsync(cancellationToken);
            Phase("meals: plan and deliver");
            await ForEachAsync(_active, s => DeliverAsync(s, day.Date, tally, cancellationToken), cancellationToken);
            Phase("new needs and offers");
            await ForEachAsync(day.Needs, n => RaiseAsync(n, day.Date, tally, cancellationToken), cancellationToken);
            await ForEachAsync(day.Offers, o => PostOfferAsync(o, day.Date, tally, cancellationToken), cancellationToken);
            Phase("afternoon: proposals");
            await WaitForProposalsAsync(day, cancellationToken);
            await AnswerReferralsAsync(tally, cancellationToken);
            Phase("alerts");
            var unacknowledged = await AnswerAlertsAsync(day.Date, tally, cancellationToken);
            if (letTimePassUntil is not null)
            {
                Phase("alerts: up the chain");
                await FollowTheChainAsync(unacknowledged, tally, letTimePassUntil, cancellationToken);
            }
            Phase("done");
        }
        _elapsed.Stop();
        return _days;
    }

    /// <summary>
    /// Reads back what the services hold: the simulated needs on their case files, expired referrals,
    /// and the alerts in caseworkers' inboxes (acknowledged, escalated). Call it when the clocks that
    /// escalate have had their say.
    /// </summary>
    public async Task<SimulationResult> ResultAsync(CancellationToken cancellationToken = default)
    {
        int found = 0, matched = 0, expired = 0, alerts = 0, acknowledged = 0, escalated = 0;
        TimeSpan? escalateAfter = null;
        await ForEachAsync(_raised, async need =>
        {
            var file = await GetAsync(Cases(need.CaseworkerId, need.StationId), $"/cases/{need.CaseId}", cancellationToken);
            var status = file?.GetProperty("needs").EnumerateArray().FirstOrDefault(n => n.GetProperty("id").GetGuid() == need.NeedId) is { ValueKind: JsonValueKind.Object } n
                ? n.GetProperty("status").GetString() : null;
            if (status is null) return;
            Interlocked.Increment(ref found);
            if (status is "Matched" or "Fulfilled") Interlocked.Increment(ref matched);
        }, cancellationToken);
        await ForEachAsync(_active, async s =>
        {
            var list = await GetAsync(Matching(Roles.Supervisor, s.SupervisorId, s.Id), "/referrals?status=Expired", cancellationToken);
            Interlocked.Add(ref expired, list?.GetArrayLength() ?? 0);
        }, cancellationToken);
        var alertIds = _alerts.Values.Select(a => a.Notification).ToHashSet();
        await ForEachAsync(_alerts.Values.GroupBy(a => (a.Recipient, a.Station)).ToList(), async inbox =>
        {
            var client = Notifications(Roles.Caseworker, inbox.Key.Recipient, inbox.Key.Station);
            var wanted = inbox.Count();
            for (var page = 1; wanted > 0; page++)
            {
                var items = (await GetAsync(client, $"/inbox?pageSize=100&page={page}", cancellationToken))?.GetProperty("items");
                if (items is not { } list || list.GetArrayLength() == 0) break;
                foreach (var item in list.EnumerateArray().Where(i => alertIds.Contains(i.GetProperty("id").GetGuid())))
                {
                    wanted--;
                    Interlocked.Increment(ref alerts);
                    if (Has(item, "acknowledgedAt")) Interlocked.Increment(ref acknowledged);
                    if (Has(item, "escalatedAt")) Interlocked.Increment(ref escalated);
                    if (Has(item, "acknowledgeBy"))
                        escalateAfter = item.GetProperty("acknowledgeBy").GetDateTimeOffset() - item.GetProperty("createdAt").GetDateTimeOffset();
                }
            }
        }, cancellationToken);

        var latencies = _causes.Keys.Where(_arrivals.ContainsKey)
            .Select(k => (k.Rule, Ms: Stopwatch.GetElapsedTime(_causes[k], _arrivals[k]).TotalMilliseconds))
            .Where(x => x.Ms >= 0)
            .GroupBy(x => x.Rule).ToDictionary(g => g.Key, g => (IReadOnlyList<double>)g.Select(x => x.Ms).Order().ToList());
        return new SimulationResult(plan.Options, city.Households.Count, _active.Count, city.Volunteers.Count(v => _active.Any(s => s.Id == v.StationId)),
            _listeners.Count, Days,
            latencies, _timeToMatch.Order().ToList(), new Dictionary<string, int>(_notificationsByRule), new Dictionary<string, int>(_refusals),
            new ServicesView(found, matched, expired, alerts, acknowledged, escalated, _notificationsByRule.GetValueOrDefault(Rules.Escalation),
                escalateAfter, await AlarmsAsync(cancellationToken)),
            _elapsed.Elapsed);
    }

    /// <summary>The missed-meal alarms as each station's board (Notifications) holds them, read by its supervisor.</summary>
    private async Task<AlarmTally> AlarmsAsync(CancellationToken cancellationToken)
    {
        var alarms = new ConcurrentBag<JsonElement>();
        await ForEachAsync(_active, async s =>
        {
            var board = await GetAsync(Notifications(Roles.Supervisor, s.SupervisorId, s.Id), $"/stations/{s.Id}/alarms?state=all", cancellationToken);
            foreach (var alarm in Items(board?.GetProperty("items")).Where(a => a.GetProperty("rule").GetString() == Rules.MissedLivingAlone))
                alarms.Add(alarm);
        }, cancellationToken);
        var list = alarms.ToList();
        return new AlarmTally(list.Count,
            list.CountBy(a => a.GetProperty("level").GetInt32()).ToDictionary(),
            list.Where(a => Has(a, "acknowledgedLevel")).CountBy(a => a.GetProperty("acknowledgedLevel").GetInt32()).ToDictionary(),
            list.Count(a => a.GetProperty("state").GetString() != "acknowledged"),
            list.Count(a => a.GetProperty("state").GetString() == "unreached"),
            list.Where(a => Has(a, "acknowledgedAt"))
                .Select(a => (a.GetProperty("acknowledgedAt").GetDateTimeOffset() - a.GetProperty("raisedAt").GetDateTimeOffset()).TotalMinutes)
                .Order().ToList());
    }

    public async ValueTask DisposeAsync()
    {
        await _listening.CancelAsync();
        await Task.WhenAll(_listeners.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));
        _listening.Dispose();
    }

    // ---- notifications: everyone keeps their inbox stream open, as the apps would ----

    private static class Rules
    {
        public const string ApproveReferral = "referral-proposed.approve";
        public const string AcceptReferral = "referral-approved.accept";
        public const string ReferralAccepted = "referral-accepted";
        public const string ReferralDeclined = "referral-declined";
        public const string Dispatched = "volunteer-dispatched";
        public const string MissedLivingAlone = "delivery-missed.lives-alone";
        public const string Missed = "delivery-missed";
        public const string Escalation = "escalation";
    }

    private async Task ListenToEveryoneAsync(CancellationToken cancellationToken)
    {
        var people = _active.SelectMany(s => s.CaseworkerIds.Select(c => (Role: Roles.Caseworker, User: c, Station: (Guid?)s.Id, Provider: (Guid?)null))
                .Append((Roles.Supervisor, s.SupervisorId, s.Id, null)))
            .Concat(city.Volunteers.Where(v => _active.Any(s => s.Id == v.StationId)).Select(v => (Role: Roles.Volunteer, User: v.Id, Station: (Guid?)v.StationId, Provider: (Guid?)null)))
            .Concat(city.Providers.Select(p => (Role: Roles.Provider, User: CitySeeder.ProviderUser(p), Station: (Guid?)null, Provider: (Guid?)p.Id)))
            .Concat(_active.Select(s => s.DistrictCode).Distinct()
                .Select(d => (Role: Roles.DistrictOfficer, User: DemoCityGenerator.DistrictOfficerId(d), Station: (Guid?)null, Provider: (Guid?)null)))
            .ToList();
        foreach (var person in people)
            _listeners.Add(InboxStreamReader.ListenAsync(() => clients("notifications", person.Role, person.User, person.Station, person.Provider),
                (item, now) => Arrived(person.User, person.Station, item, now), _listening.Token,
                () => Interlocked.Increment(ref _listenersConnected)));
        // Nobody acts before everyone listens: a notification sent to a closed stream is not measured.
        await UntilAsync(() => Task.FromResult(Volatile.Read(ref _listenersConnected) >= people.Count), cancellationToken);
    }

    private void Arrived(Guid recipient, Guid? station, JsonElement item, long now)
    {
        var rule = item.GetProperty("rule").GetString()!;
        _notificationsByRule.AddOrUpdate(rule, 1, (_, n) => n + 1);
        var parameters = item.GetProperty("parameters");
        string? P(string name) => parameters.TryGetProperty(name, out var value) ? value.GetString() : null;
        var key = rule switch
        {
            Rules.ApproveReferral or Rules.AcceptReferral or Rules.ReferralAccepted or Rules.ReferralDeclined => P("referralId"),
            Rules.Dispatched => $"{P("taskId")}:{recipient}",
            Rules.MissedLivingAlone or Rules.Missed => P("deliveryId"),
            _ => null,
        };
        if (key is not null) _arrivals.TryAdd((rule, key), now);
        if (rule == Rules.MissedLivingAlone && Guid.TryParse(P("deliveryId"), out var delivery))
            _alerts.TryAdd(delivery, (item.GetProperty("id").GetGuid(), recipient, station));
        if (rule == Rules.Escalation && P("originalRule") == Rules.MissedLivingAlone && Guid.TryParse(P("deliveryId"), out var escalated)
            && int.TryParse(P("level"), out var level))
            _escalations.TryAdd((escalated, level), (item.GetProperty("id").GetGuid(), recipient, station,
                Has(item, "acknowledgeBy") ? item.GetProperty("acknowledgeBy").GetDateTimeOffset() : DateTimeOffset.MinValue));
    }

    private void Caused(string rule, string key, long at) => _causes.TryAdd((rule, key), at);

    // ---- referrals: the caseworker approves or declines, then the provider accepts or declines ----

    private async Task AnswerReferralsAsync(DayTally tally, CancellationToken cancellationToken)
    {
        // A decline makes Matching propose the next candidate a moment later: a few rounds pick those up; later ones wait for tomorrow.
        for (var round = 0; round < 4; round++)
        {
            var acted = 0;
            await ForEachAsync(_active.SelectMany(s => s.CaseworkerIds.Select(c => (Station: s, Caseworker: c))).ToList(), async x =>
            {
                var client = Matching(Roles.Caseworker, x.Caseworker, x.Station.Id);
                var waiting = await GetAsync(client, $"/referrals?caseworkerId={x.Caseworker}&status=AwaitingApproval", cancellationToken);
                foreach (var referral in Items(waiting))
                {
                    var (id, need) = Seen(referral);
                    if (plan.CaseworkerApproves(id))
                    {
                        if (await PostAsync(client, $"/referrals/{id}/approve", null, cancellationToken) is HttpStatusCode.OK)
                            Interlocked.Increment(ref tally.ReferralsApproved);
                    }
                    else if (await DeclineAsync(client, id, need, "ClientRefused", cancellationToken))
                        Interlocked.Increment(ref tally.ReferralsDeclinedByCaseworker);
                    Interlocked.Increment(ref acted);
                }
            }, cancellationToken);
            await ForEachAsync(city.Providers, async provider =>
            {
                var client = Matching(Roles.Provider, CitySeeder.ProviderUser(provider), null, provider.Id);
                var waiting = await GetAsync(client, "/referrals?status=AwaitingAcceptance", cancellationToken);
                foreach (var referral in Items(waiting))
                {
                    var (id, need) = Seen(referral);
                    Interlocked.Increment(ref acted);
                    if (plan.ProviderAccepts(id))
                    {
                        var at = Stopwatch.GetTimestamp();
                        var answer = await PostAsync(client, $"/referrals/{id}/accept", null, cancellationToken);
                        if (answer == HttpStatusCode.OK)
                        {
                            Caused(Rules.ReferralAccepted, id.ToString(), at);
                            Interlocked.Increment(ref tally.ReferralsAccepted);
                            Matched(referral, need, tally);
                            continue;
                        }
                        // Full: the provider says so, and Matching tries the next candidate.
                        if (answer == HttpStatusCode.UnprocessableEntity && await DeclineAsync(client, id, need, "NoCapacity", cancellationToken))
                            Interlocked.Increment(ref tally.ReferralsDeclinedByProvider);
                    }
                    else if (await DeclineAsync(client, id, need, "NotSuitable", cancellationToken))
                        Interlocked.Increment(ref tally.ReferralsDeclinedByProvider);
                }
            }, cancellationToken);
            if (acted == 0) return;
        }
    }

    /// <summary>Notes a referral the first time it is seen: its proposal was caused by the need's raising or by the last decline.</summary>
    private (Guid Id, Guid Need) Seen(JsonElement referral)
    {
        var id = referral.GetProperty("id").GetGuid();
        var need = referral.GetProperty("needId").GetGuid();
        if (_seenReferrals.TryAdd(id, 0) && _needCause.TryGetValue(need, out var cause))
        {
            // Proposed only once both were there: the open need, and the offer (a need nothing fitted waits for a new offer).
            cause = Math.Max(cause, _offerPostedAt.GetValueOrDefault(referral.GetProperty("offerId").GetGuid()));
            Caused(Rules.ApproveReferral, id.ToString(), cause);
            Caused(Rules.AcceptReferral, id.ToString(), cause);
        }
        return (id, need);
    }

    private async Task<bool> DeclineAsync(HttpClient client, Guid referral, Guid need, string reason, CancellationToken cancellationToken)
    {
        var at = Stopwatch.GetTimestamp();
        if (await PostAsync(client, $"/referrals/{referral}/decline", new { reason }, cancellationToken) != HttpStatusCode.OK) return false;
        _needCause[need] = at;
        Caused(Rules.ReferralDeclined, referral.ToString(), at);
        return true;
    }

    private void Matched(JsonElement referral, Guid need, DayTally tally)
    {
        if (_raisedAt.TryGetValue(need, out var raised))
        {
            Interlocked.Increment(ref tally.NeedsMatched);
            _timeToMatch.Add(Stopwatch.GetElapsedTime(raised).TotalMilliseconds);
        }
        var caseId = referral.GetProperty("caseId").GetGuid();
        // Only a client who agreed to share delivery details can be enrolled: wait for those alone.
        if (referral.GetProperty("category").GetString() == "MealDelivery" && _consented.ContainsKey(caseId))
            _toEnrol[caseId] = referral.GetProperty("stationId").GetGuid();
    }

    private async Task WaitForEnrolmentsAsync(CancellationToken cancellationToken) =>
        await UntilAsync(async () =>
        {
            await ForEachAsync(_toEnrol.Values.Distinct().ToList(), async station =>
            {
                var enrolments = await GetAsync(Volunteers(Roles.Supervisor, _stations[station].SupervisorId, station), "/enrolments", cancellationToken);
                foreach (var e in Items(enrolments))
                    if (e.GetProperty("status").GetString() == "Enrolled") _toEnrol.TryRemove(e.GetProperty("caseId").GetGuid(), out _);
            }, cancellationToken);
            return _toEnrol.IsEmpty;
        }, cancellationToken, give: () => _toEnrol.Clear());

    // ---- needs and offers ----

    private async Task RaiseAsync(PlannedNeed need, DateOnly date, DayTally tally, CancellationToken cancellationToken)
    {
        var client = Cases(need.CaseworkerId, need.StationId);
        if (need.RecordsConsent
            && await PostAsync(client, $"/cases/{need.CaseId}/consents", CitySeeder.ConsentRequest(plan.ClientOf(need.CaseId)), cancellationToken) is HttpStatusCode.OK or HttpStatusCode.Created)
            _consented[need.CaseId] = 0;
        var at = Stopwatch.GetTimestamp();
        var answer = await PostAsync(client, $"/cases/{need.CaseId}/needs", new
        {
            needId = need.NeedId, category = need.Category, urgency = need.Urgency, recurrence = need.Recurrence, startDate = date.ToString("yyyy-MM-dd"),
        }, cancellationToken);
        if (answer is not (HttpStatusCode.OK or HttpStatusCode.Created)) return;
        _needCause[need.NeedId] = at;
        _raisedAt[need.NeedId] = at;
        lock (_raised) _raised.Add(need);
        Interlocked.Increment(ref tally.NeedsRaised);
    }

    private async Task PostOfferAsync(PlannedOffer offer, DateOnly date, DayTally tally, CancellationToken cancellationToken)
    {
        var client = Matching(Roles.Provider, CitySeeder.ProviderUser(offer.Provider), null, offer.Provider.Id);
        var request = CitySeeder.OfferRequest(offer.Provider, offer.Like with { Id = offer.OfferId, Title = offer.Title, Capacity = offer.Capacity });
        var at = Stopwatch.GetTimestamp();
        if (await PostAsync(client, "/offers", request, cancellationToken) is not (HttpStatusCode.OK or HttpStatusCode.Created)) return;
        _offerPostedAt[offer.OfferId] = at;
        Interlocked.Increment(ref tally.OffersPosted);
    }

    /// <summary>Until Matching has proposed something for each of the day's needs, or found nothing that fits.</summary>
    private async Task WaitForProposalsAsync(DayPlan day, CancellationToken cancellationToken)
    {
        var waiting = new ConcurrentDictionary<Guid, PlannedNeed>(day.Needs.Where(n => _raisedAt.ContainsKey(n.NeedId)).ToDictionary(n => n.NeedId));
        await UntilAsync(async () =>
        {
            await ForEachAsync(waiting.Values.ToList(), async need =>
            {
                var view = await GetAsync(Matching(Roles.Caseworker, need.CaseworkerId, need.StationId), $"/needs/{need.NeedId}/candidates",
                    cancellationToken, quietly: HttpStatusCode.NotFound);
                // Proposed (an active referral), past proposing (matched), or nothing untried fits: settled either way.
                if (view is { } v && (Has(v, "activeReferralId")
                        || v.GetProperty("status").GetString() != "Open"
                        || v.GetProperty("candidates").EnumerateArray().All(c => c.GetProperty("alreadyTried").GetBoolean())))
                    waiting.TryRemove(need.NeedId, out _);
            }, cancellationToken);
            return waiting.IsEmpty;
        }, cancellationToken);
    }

    // ---- meals: plan the date, then each volunteer answers what is offered to them until every meal has its end ----

    private async Task DeliverAsync(DemoStation station, DateOnly date, DayTally tally, CancellationToken cancellationToken)
    {
        var coordinator = Volunteers(Roles.Supervisor, station.SupervisorId, station.Id);
        var planned = Stopwatch.GetTimestamp();
        await PostAsync(coordinator, "/deliveries/plan", new { date = date.ToString("yyyy-MM-dd") }, cancellationToken);
        JsonElement? list = null;
        for (var pass = 0; pass < 40; pass++)
        {
            list = await GetAsync(coordinator, $"/deliveries?date={date:yyyy-MM-dd}", cancellationToken);
            var open = Items(list).Where(d => d.GetProperty("status").GetString() is "Scheduled" or "Offered" or "Accepted" or "PickedUp").ToList();
            if (open.Count == 0) break;
            foreach (var delivery in open)
            {
                var id = delivery.GetProperty("id").GetGuid();
                var status = delivery.GetProperty("status").GetString();
                if (status == "Scheduled" || !Has(delivery, "volunteerId")) continue;
                var volunteer = delivery.GetProperty("volunteerId").GetGuid();
                var client = Volunteers(Roles.Volunteer, volunteer, station.Id);
                if (status == "Offered")
                {
                    if (_seenOffers.TryAdd((id, volunteer), 0))
                        Caused(Rules.Dispatched, $"{id}:{volunteer}", _deliveryCause.GetValueOrDefault(id, planned));
                    if (!plan.VolunteerAccepts(id, volunteer))
                    {
                        var at = Stopwatch.GetTimestamp();
                        if (await PostAsync(client, $"/deliveries/{id}/decline", new { reason = "临时有事，去不了" }, cancellationToken) == HttpStatusCode.OK)
                        {
                            _deliveryCause[id] = at;
                            Interlocked.Increment(ref tally.VolunteerDeclines);
                        }
                        continue;
                    }
                    if (await PostAsync(client, $"/deliveries/{id}/accept", null, cancellationToken) != HttpStatusCode.OK) continue;
                    status = "Accepted";
                }
                if (status == "Accepted" && await PostAsync(client, $"/deliveries/{id}/pickup", null, cancellationToken) != HttpStatusCode.OK) continue;
                await BringAsync(client, id, delivery.GetProperty("caseId").GetGuid(), tally, cancellationToken);
            }
            // Anything still Scheduled was planned while volunteers were busy: planning again offers it (and creates nothing new).
            if (open.Any(d => d.GetProperty("status").GetString() == "Scheduled"))
                await PostAsync(coordinator, "/deliveries/plan", new { date = date.ToString("yyyy-MM-dd") }, cancellationToken);
        }
        foreach (var delivery in Items(list))
        {
            Interlocked.Increment(ref tally.DeliveriesPlanned);
            switch (delivery.GetProperty("status").GetString())
            {
                case "Completed": Interlocked.Increment(ref tally.DeliveriesCompleted); break;
                case "Missed": Interlocked.Increment(ref tally.DeliveriesMissed); break;
                case "Unassigned": Interlocked.Increment(ref tally.DeliveriesFailed); break;
                case "Cancelled": Interlocked.Increment(ref tally.DeliveriesCancelled); break;
                default: Interlocked.Increment(ref tally.DeliveriesUnfinished); break;
            }
        }
    }

    private async Task BringAsync(HttpClient volunteer, Guid delivery, Guid caseId, DayTally tally, CancellationToken cancellationToken)
    {
        var outcome = plan.Outcome(delivery);
        if (outcome is MealOutcome.Fine or MealOutcome.Concern)
        {
            await PostAsync(volunteer, $"/deliveries/{delivery}/complete", outcome == MealOutcome.Fine
                ? new { wellbeing = "Fine", note = (string?)null }
                : new { wellbeing = "Concern", note = (string?)"老人说最近腿脚不便，建议社工回访" }, cancellationToken);
            return;
        }
        var at = Stopwatch.GetTimestamp();
        if (await PostAsync(volunteer, $"/deliveries/{delivery}/miss", new { reason = outcome.ToString() }, cancellationToken) != HttpStatusCode.OK) return;
        Caused(Rules.MissedLivingAlone, delivery.ToString(), at);
        Caused(Rules.Missed, delivery.ToString(), at);
        if (plan.LivesAlone(caseId))
        {
            lock (_expectedAlerts) _expectedAlerts.Add(delivery);
            Interlocked.Increment(ref tally.AlertsExpected);
        }
    }

    private readonly List<Guid> _expectedAlerts = [];

    // ---- alerts: a missed meal for someone living alone reaches their caseworker, who acknowledges it (or not) ----

    /// <summary>The caseworkers answer the day's alerts; returns those they left for the chain.</summary>
    private async Task<IReadOnlyList<Guid>> AnswerAlertsAsync(DateOnly date, DayTally tally, CancellationToken cancellationToken)
    {
        List<Guid> expected;
        lock (_expectedAlerts) { expected = [.. _expectedAlerts]; _expectedAlerts.Clear(); }
        await UntilAsync(() => Task.FromResult(expected.All(_alerts.ContainsKey)), cancellationToken);
        var arrived = expected.Where(_alerts.ContainsKey).ToList();
        tally.AlertsRaised = arrived.Count;
        await ForEachAsync(arrived.Where(plan.Acknowledges).ToList(), async delivery =>
        {
            var (notification, caseworker, station) = _alerts[delivery];
            if (await PostAsync(Notifications(Roles.Caseworker, caseworker, station), $"/inbox/{notification}/acknowledge", null, cancellationToken)
                == HttpStatusCode.OK)
                Interlocked.Increment(ref tally.AlertsAcknowledged);
        }, cancellationToken);
        return arrived.Where(d => !plan.Acknowledges(d)).ToList();
    }

    /// <summary>
    /// What nobody at the station acknowledged climbs: time passes until each level's wait is over
    /// (the deadline the alarm's notifications carry), the next level's people receive it on their
    /// streams, and the supervisor — or else the district's officer — acknowledges it as planned.
    /// </summary>
    private async Task FollowTheChainAsync(IReadOnlyList<Guid> unacknowledged, DayTally tally,
        Func<DateTimeOffset, CancellationToken, Task> letTimePassUntil, CancellationToken cancellationToken)
    {
        var waiting = unacknowledged.ToList();
        for (var level = 1; level <= 2 && waiting.Count > 0; level++)
        {
            // The level before's notifications say when this one is told: let Notifications' clock get there, and a sweep further.
            var deadlines = await DeadlinesAsync(waiting, level - 1, cancellationToken);
            if (deadlines.Count > 0) await letTimePassUntil(deadlines.Max() + TimeSpan.FromSeconds(30), cancellationToken);
            var current = level;
            await UntilAsync(() => Task.FromResult(waiting.All(d => _escalations.ContainsKey((d, current)))), cancellationToken);
            var answering = waiting.Where(d => _escalations.ContainsKey((d, current)) && plan.AcknowledgedAtLevel(d) == current).ToList();
            await ForEachAsync(answering, async delivery =>
            {
                var (notification, person, station, _) = _escalations[(delivery, current)];
                var role = current == 1 ? Roles.Supervisor : Roles.DistrictOfficer;
                if (await PostAsync(Notifications(role, person, station), $"/inbox/{notification}/acknowledge", null, cancellationToken) == HttpStatusCode.OK)
                    Interlocked.Increment(ref current == 1 ? ref tally.AlertsAcknowledgedBySupervisor : ref tally.AlertsAcknowledgedByDistrict);
            }, cancellationToken);
            waiting = waiting.Except(answering).ToList();
        }
    }

    /// <summary>When the next level of each alarm is due, as its notifications at <paramref name="level"/> say.</summary>
    private async Task<IReadOnlyList<DateTimeOffset>> DeadlinesAsync(IReadOnlyList<Guid> deliveries, int level, CancellationToken cancellationToken)
    {
        if (level > 0)
            return deliveries.Where(d => _escalations.ContainsKey((d, level))).Select(d => _escalations[(d, level)].AcknowledgeBy)
                .Where(d => d != DateTimeOffset.MinValue).ToList();
        var deadlines = new ConcurrentBag<DateTimeOffset>();
        await ForEachAsync(deliveries.Where(_alerts.ContainsKey).GroupBy(d => (_alerts[d].Recipient, _alerts[d].Station)).ToList(), async inbox =>
        {
            var ids = inbox.Select(d => _alerts[d].Notification).ToHashSet();
            var items = (await GetAsync(Notifications(Roles.Caseworker, inbox.Key.Recipient, inbox.Key.Station), "/inbox?pageSize=100", cancellationToken))
                ?.GetProperty("items");
            foreach (var item in Items(items).Where(i => ids.Contains(i.GetProperty("id").GetGuid()) && Has(i, "acknowledgeBy")))
                deadlines.Add(item.GetProperty("acknowledgeBy").GetDateTimeOffset());
        }, cancellationToken);
        return [.. deadlines];
    }


    // ---- plumbing ----

    private HttpClient Cases(Guid caseworker, Guid station) => clients("cases", Roles.Caseworker, caseworker, station);
    private HttpClient Matching(string role, Guid user, Guid? station, Guid? provider = null) => clients("matching", role, user, station, provider);
    private HttpClient Volunteers(string role, Guid user, Guid station) => clients("volunteers", role, user, station);
    private HttpClient Notifications(string role, Guid user, Guid? station) => clients("notifications", role, user, station);

    /// <summary>The services leave nulls out of their JSON: a property is there only when it has a value.</summary>
    private static bool Has(JsonElement item, string name) => item.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private static IEnumerable<JsonElement> Items(JsonElement? array) => array is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> work, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (item, _) => await work(item));

    /// <summary>
    /// Asks again until the condition holds. A condition that does not come within the limit is
    /// given up (and <paramref name="give"/> forgets it): the day goes on, as a station's would,
    /// and the report shows what did not happen.
    /// </summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken, Action? give = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(ConditionLimit.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                give?.Invoke();
                return;
            }
            await Task.Delay(PollEvery, cancellationToken);
        }
    }

    private async Task<JsonElement?> GetAsync(HttpClient client, string path, CancellationToken cancellationToken, HttpStatusCode? quietly = null)
    {
        using var response = await PatientRequests.SendAsync(client, HttpMethod.Get, path, null, cancellationToken);
        if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).Clone();
        if (response.StatusCode != quietly) Refused("GET", path, response.StatusCode);
        return null;
    }

    private async Task<HttpStatusCode> PostAsync(HttpClient client, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await PatientRequests.SendAsync(client, HttpMethod.Post, path, body, cancellationToken);
        if (!response.IsSuccessStatusCode) Refused("POST", path, response.StatusCode, await ProblemCodeAsync(response, cancellationToken));
        return response.StatusCode;
    }

    private async Task PutAsync(HttpClient client, string path, object body)
    {
        using var response = await PatientRequests.SendAsync(client, HttpMethod.Put, path, body);
        if (!response.IsSuccessStatusCode) Refused("PUT", path, response.StatusCode);
    }

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return problem.TryGetProperty("rule", out var rule) ? rule.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Counts what a service refused, by route shape (ids blanked) and status, for the report.</summary>
    private void Refused(string method, string path, HttpStatusCode status, string? code = null)
    {
        var shape = string.Join('/', path.Split('?')[0].Split('/').Select(p => Guid.TryParse(p, out _) ? "{id}" : p));
        _refusals.AddOrUpdate($"{method} {shape} → {(int)status}{(code is null ? "" : " " + code)}", 1, (_, n) => n + 1);
    }
}
