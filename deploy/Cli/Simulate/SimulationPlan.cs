// What the people of the demo city do on each simulated day, decided before any call is made:
// the needs caseworkers raise, the offers providers post, and how each person answers what
// comes to them. Pure: the same city, options and seed give the same plan and the same answers,
// so a run can be repeated and a test can reason about it.
using FiveSocieties.Cli.Seed;

namespace FiveSocieties.Cli.Simulate;

public sealed record SimulationOptions
{
    public required int Days { get; init; }
    public required DateOnly Start { get; init; }
    public int Seed { get; init; } = 2026;

    /// <summary>New needs raised across the city per day; by default one per hundred households.</summary>
    public int? NeedsPerDay { get; init; }

    /// <summary>New resource offers posted by the city's providers per day.</summary>
    public int OffersPerDay { get; init; } = 3;

    public double UrgentShare { get; init; } = 0.15;
    public double CaseworkerApproves { get; init; } = 0.92;
    public double ProviderAccepts { get; init; } = 0.85;
    public double VolunteerAccepts { get; init; } = 0.85;

    /// <summary>Share of accepted meals that do not reach the recipient (nobody at the door, away).</summary>
    public double MissRate { get; init; } = 0.08;

    /// <summary>Share of urgent alerts a caseworker acknowledges; the others escalate when Notifications' clock allows.</summary>
    public double AcknowledgeRate { get; init; } = 0.7;

    /// <summary>Share of escalated alerts the station's supervisor acknowledges; the district's duty officer takes the rest.</summary>
    public double SupervisorAcknowledgeRate { get; init; } = 0.8;
}

public sealed record PlannedNeed(Guid NeedId, Guid CaseId, Guid CaseworkerId, Guid StationId, string Category, string Urgency,
    string Recurrence, bool RecordsConsent);

/// <summary>A new offer of a provider, like one it already has (<paramref name="Like"/>): same category, area and service point.</summary>
public sealed record PlannedOffer(Guid OfferId, DemoProvider Provider, DemoOffer Like, string Title, int Capacity);

public sealed record DayPlan(int Day, DateOnly Date, IReadOnlyList<PlannedNeed> Needs, IReadOnlyList<PlannedOffer> Offers);

public enum MealOutcome { Fine, Concern, NoAnswerAtDoor, RecipientAway }

public sealed class SimulationPlan
{
    // What each client group may come to need, weighted by how often a station sees it.
    private static readonly (string Category, string Recurrence, int Weight)[] ElderNeeds =
        [("MealDelivery", "Daily", 8), ("Companionship", "Weekly", 3), ("Goods", "Once", 2), ("HomeCleaning", "Weekly", 1), ("MedicalCheck", "Once", 1)];
    private static readonly (string Category, string Recurrence, int Weight)[] ChildNeeds =
        [("Tutoring", "Weekly", 6), ("Counselling", "Weekly", 3), ("Goods", "Once", 1)];

    private readonly Dictionary<Guid, (DemoHousehold Household, DemoClient Client)> _cases;

    public SimulationOptions Options { get; }
    public IReadOnlyList<DayPlan> Days { get; }

    public SimulationPlan(DemoCity city, SimulationOptions options)
    {
        Options = options;
        _cases = city.Households.SelectMany(h => h.Clients.Select(c => (h, c))).ToDictionary(x => x.c.CaseId, x => (x.h, x.c));
        var random = new Random(options.Seed);
        var perDay = options.NeedsPerDay ?? Math.Max(2, city.Households.Count / 100);
        // A case holds one live need per category (Cases refuses a second): never plan one it has.
        var taken = _cases.Values.SelectMany(x => x.Client.Needs.Select(n => (x.Client.CaseId, n.Category))).ToHashSet();
        var clients = _cases.Values.OrderBy(x => x.Client.CaseId).ToList();
        var days = new List<DayPlan>(options.Days);
        for (var day = 0; day < options.Days; day++)
        {
            var date = options.Start.AddDays(day);
            var needs = new List<PlannedNeed>(perDay);
            for (var attempt = 0; needs.Count < perDay && attempt < perDay * 20 && clients.Count > 0; attempt++)
            {
                var (household, client) = clients[random.Next(clients.Count)];
                var (category, recurrence, _) = Pick(random, client.Group == "Child" ? ChildNeeds : ElderNeeds);
                // One new need per case and day, so each proposal names one need of its case.
                if (!taken.Add((client.CaseId, category)) || needs.Any(n => n.CaseId == client.CaseId)) continue;
                var urgency = random.NextDouble() < options.UrgentShare ? "Urgent" : category == "MealDelivery" ? "Soon" : "Routine";
                needs.Add(new PlannedNeed(DemoCityGenerator.Id("sim-need", $"{options.Seed}:{client.CaseId}:{category}"), client.CaseId,
                    household.CaseworkerId, household.StationId, category, urgency, recurrence,
                    RecordsConsent: category == "MealDelivery" && !client.ConsentsToDeliverySharing));
            }
            var offers = Enumerable.Range(0, options.OffersPerDay).Select(i =>
            {
                var provider = city.Providers[random.Next(city.Providers.Count)];
                var template = provider.Offers[random.Next(provider.Offers.Count)];
                // More of what the provider already gives: a canteen's new meal round, a charity's next class.
                return new PlannedOffer(DemoCityGenerator.Id("sim-offer", $"{options.Seed}:{day}:{i}"), provider, template,
                    $"{template.Title}（{date:M月d日}新增）", Math.Max(5, template.Capacity / 4));
            }).ToList();
            days.Add(new DayPlan(day, date, needs, offers));
        }
        Days = days;
    }

    public DemoClient ClientOf(Guid caseId) => _cases[caseId].Client;

    /// <summary>独居: a missed meal for this client is an urgent alert.</summary>
    public bool LivesAlone(Guid caseId) => _cases.TryGetValue(caseId, out var x) && x.Client.Categories.Contains("LivesAlone");

    public bool CaseworkerApproves(Guid referralId) => Chance("approve", referralId) < Options.CaseworkerApproves;

    public bool ProviderAccepts(Guid referralId) => Chance("accept", referralId) < Options.ProviderAccepts;

    /// <summary>Each volunteer answers each offer on their own: a decline by one says nothing of the next.</summary>
    public bool VolunteerAccepts(Guid deliveryId, Guid volunteerId) =>
        Chance("take", DemoCityGenerator.Id("offer-to", $"{deliveryId}:{volunteerId}")) < Options.VolunteerAccepts;

    public MealOutcome Outcome(Guid deliveryId)
    {
        var roll = Chance("outcome", deliveryId);
        if (roll < Options.MissRate) return roll < Options.MissRate * 0.6 ? MealOutcome.NoAnswerAtDoor : MealOutcome.RecipientAway;
        return roll > 0.97 ? MealOutcome.Concern : MealOutcome.Fine;
    }

    /// <summary>Whether the caseworker acknowledges the alert about this missed delivery.</summary>
    public bool Acknowledges(Guid deliveryId) => Chance("acknowledge", deliveryId) < Options.AcknowledgeRate;

    /// <summary>
    /// At which level of the escalation chain the alert about this missed delivery is acknowledged:
    /// 0 the caseworker, 1 the station's supervisor, 2 the district's duty officer (who always does).
    /// </summary>
    public int AcknowledgedAtLevel(Guid deliveryId) =>
        Acknowledges(deliveryId) ? 0 : Chance("supervisor-acknowledges", deliveryId) < Options.SupervisorAcknowledgeRate ? 1 : 2;

    /// <summary>A number in [0, 1) fixed by the seed, the kind of decision and the thing decided about.</summary>
    private double Chance(string kind, Guid about)
    {
        // Bytes 8–15 of a name-based GUID: byte 8 (the variant bits) lands in the low bits the shift drops.
        var bytes = DemoCityGenerator.Id(kind, $"{Options.Seed}:{about}").ToByteArray();
        return (BitConverter.ToUInt64(bytes, 8) >> 11) * (1.0 / (1UL << 53));
    }

    private static (string, string, int) Pick(Random random, (string, string, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var choice in choices)
        {
            if (roll < choice.Weight) return choice;
            roll -= choice.Weight;
        }
        return choices[^1];
    }
}
