using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Matching.Engine;

/// <summary>
/// The matching engine's memory: open needs indexed by category and by district, township and
/// grid (and within each place by client group and tier of standing), live offers by category
/// and area, and each provider's load. Incremental matching reads only the buckets a new need or
/// offer can fit, best first, so it stays fast with 100k needs and 10k offers. It is
/// rebuilt from Marten's documents at start and follows every commit afterwards
/// (<see cref="IndexFollower"/>); it is never the source of truth. An offer is valid on the
/// stations' dates (<paramref name="calendar"/>), so one valid until 6 December stops at midnight Beijing time.
/// </summary>
public sealed class MatchingIndex(LocalCalendar calendar)
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<Guid, IndexedNeed> _needs = [];
    private readonly Dictionary<(NeedCategory, string), NeedBucket> _byDistrict = [];
    private readonly Dictionary<(NeedCategory, string), NeedBucket> _byTownship = [];
    private readonly Dictionary<(NeedCategory, string), NeedBucket> _byGrid = [];
    private readonly Dictionary<NeedCategory, HashSet<string>> _districtsWithNeeds = [];
    private readonly Dictionary<Guid, OfferProfile> _offers = [];
    private readonly Dictionary<NeedCategory, Dictionary<Guid, OfferProfile>> _offersAnywhere = [];
    private readonly Dictionary<(NeedCategory, string), Dictionary<Guid, OfferProfile>> _offersByDistrict = [];
    private readonly Dictionary<(NeedCategory, string), Dictionary<Guid, OfferProfile>> _offersByTownship = [];
    private readonly Dictionary<(NeedCategory, string), Dictionary<Guid, OfferProfile>> _offersByGrid = [];
    private readonly Dictionary<Guid, (int Capacity, int Allocated)> _providerLoad = [];
    private readonly Dictionary<Guid, Guid> _caseworkerOfCase = [];

    /// <summary>Bounds are compared with this margin, so the rounding of adding parts in another order never drops a need that ties.</summary>
    private const double Margin = 1e-6;

    public int OpenNeeds { get { _lock.EnterReadLock(); try { return _needs.Count; } finally { _lock.ExitReadLock(); } } }
    public int LiveOffers { get { _lock.EnterReadLock(); try { return _offers.Count; } finally { _lock.ExitReadLock(); } } }

    public void UpsertNeed(NeedProfile need)
    {
        _lock.EnterWriteLock();
        try
        {
            RemoveNeedUnlocked(need.NeedId);
            var entry = new IndexedNeed(need);
            _needs[need.NeedId] = entry;
            NeedsOf(_byDistrict, (need.Category, need.Location.District)).Add(entry);
            NeedsOf(_byTownship, (need.Category, need.Location.Township)).Add(entry);
            NeedsOf(_byGrid, (need.Category, need.Location.Grid)).Add(entry);
            if (!_districtsWithNeeds.TryGetValue(need.Category, out var districts)) _districtsWithNeeds[need.Category] = districts = [];
            districts.Add(need.Location.District);
        }
        finally { _lock.ExitWriteLock(); }
    }

    public void RemoveNeed(Guid needId)
    {
        _lock.EnterWriteLock();
        try { RemoveNeedUnlocked(needId); }
        finally { _lock.ExitWriteLock(); }
    }

    public void UpsertOffer(OfferProfile offer)
    {
        _lock.EnterWriteLock();
        try
        {
            RemoveOfferUnlocked(offer.OfferId);
            _offers[offer.OfferId] = offer;
            var area = offer.Area;
            if (area.Districts.Count == 0 && area.Townships.Count == 0 && area.Grids.Count == 0)
            {
                if (!_offersAnywhere.TryGetValue(offer.Category, out var anywhere)) _offersAnywhere[offer.Category] = anywhere = [];
                anywhere[offer.OfferId] = offer;
            }
            foreach (var district in area.Districts) Bucket(_offersByDistrict, (offer.Category, district))[offer.OfferId] = offer;
            foreach (var township in area.Townships) Bucket(_offersByTownship, (offer.Category, township))[offer.OfferId] = offer;
            foreach (var grid in area.Grids) Bucket(_offersByGrid, (offer.Category, grid))[offer.OfferId] = offer;
            var (capacity, allocated) = _providerLoad.GetValueOrDefault(offer.ProviderId);
            _providerLoad[offer.ProviderId] = (capacity + offer.Capacity, allocated + offer.Allocated);
        }
        finally { _lock.ExitWriteLock(); }
    }

    public void RemoveOffer(Guid offerId)
    {
        _lock.EnterWriteLock();
        try { RemoveOfferUnlocked(offerId); }
        finally { _lock.ExitWriteLock(); }
    }

    public void SetCaseworker(Guid caseId, Guid caseworkerId)
    {
        _lock.EnterWriteLock();
        try { _caseworkerOfCase[caseId] = caseworkerId; }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>The case's current caseworker as far as Matching knows (a reassignment overrides the need's).</summary>
    public Guid CaseworkerOf(NeedProfile need)
    {
        _lock.EnterReadLock();
        try { return _caseworkerOfCase.GetValueOrDefault(need.CaseId, need.CaseworkerId); }
        finally { _lock.ExitReadLock(); }
    }

    public OfferProfile? Offer(Guid offerId)
    {
        _lock.EnterReadLock();
        try { return _offers.GetValueOrDefault(offerId); }
        finally { _lock.ExitReadLock(); }
    }

    public NeedProfile? Need(Guid needId)
    {
        _lock.EnterReadLock();
        try { return _needs.GetValueOrDefault(needId)?.Profile; }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// On a new need: the live offers that fit it, best first (ties by offer id), each with its reasons. When
    /// <paramref name="excluded"/> is given it receives the offers of the same category serving
    /// the need's area that another hard rule excluded, with the rule.
    /// </summary>
    public IReadOnlyList<Candidate> RankOffersFor(NeedProfile need, DateTimeOffset now, int limit = 10, List<Exclusion>? excluded = null)
    {
        var today = calendar.Today(now);
        _lock.EnterReadLock();
        try
        {
            var priority = MatchScore.NeedPriority(need, now);
            var best = new TopK<OfferProfile>(limit);
            foreach (var offer in OffersInArea(need))
            {
                if (MatchRules.Exclude(need, offer, today) is { } rule)
                {
                    excluded?.Add(new Exclusion(need.NeedId, offer.OfferId, rule.Rule, offer.Title, rule.Reason));
                    continue;
                }
                var score = priority + MatchScore.Fit(need, offer, LoadOf(offer.ProviderId));
                best.Offer(offer, score, offer.OfferId);
            }
            return best.BestFirst().Select(kept => Explain(need, kept.Item, kept.Score, now)).ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// On a new offer (or more capacity): the open needs it fits, best first (ties by need id),
    /// each with its reasons. The needs of the offer's area are read tier by tier, from the
    /// highest standing down, in every bucket at once, and reading stops at the first tier whose
    /// best possible score (standing + full waiting + nearest distance + this provider's load)
    /// cannot beat the worst of the <paramref name="limit"/> kept. The hard rules are compiled
    /// once per offer into masks, so a need is checked without a look-up or an allocation.
    /// </summary>
    public IReadOnlyList<Candidate> RankNeedsFor(OfferProfile offer, DateTimeOffset now, int limit = 100)
    {
        if (offer.FreeCapacity == 0 || limit <= 0) return [];
        var rules = new OfferRules(offer, calendar.Today(now));
        _lock.EnterReadLock();
        try
        {
            var load = LoadOf(offer.ProviderId);
            var loadPoints = MatchScore.LoadPoints(load);
            var buckets = BucketsInArea(offer);
            // The most distance points a need of each bucket can score: little for a far-away place.
            var reach = new double[buckets.Count];
            var widestReach = 0.0;
            for (var b = 0; b < buckets.Count; b++) widestReach = Math.Max(widestReach, reach[b] = buckets[b].MaxDistancePoints(offer.ServicePoint));
            var best = new TopK<IndexedNeed>(limit);
            for (var tier = 0; tier < NeedTiers.Count; tier++)
            {
                var standing = NeedTiers.Standing[tier];
                // Nothing in this tier or below can enter the kept list any more.
                if (best.IsFull && standing + MatchScore.MaxWaiting + widestReach + loadPoints + Margin < best.WorstScore) break;
                for (var b = 0; b < buckets.Count; b++)
                {
                    var bucket = buckets[b];
                    if (best.IsFull && standing + MatchScore.MaxWaiting + reach[b] + loadPoints + Margin < best.WorstScore) continue;
                    foreach (var group in rules.Groups)
                    {
                        var needs = bucket.Tier(group, tier);
                        if (needs is null) continue;
                        for (var i = 0; i < needs.Count; i++)
                        {
                            var need = needs[i];
                            if (!rules.Admit(need, bucket.Level)) continue;
                            // The need's priority is cheap; the distance is not: skip the pair when even the bucket's nearest point would not do.
                            var priority = need.Standing + MatchScore.Waiting(MatchScore.WaitingDays(need.Profile.RaisedAt, now));
                            if (best.IsFull && priority + reach[b] + loadPoints + Margin < best.WorstScore) continue;
                            var score = priority + MatchScore.Fit(need.Profile, offer, load);
                            best.Offer(need, score, need.Profile.NeedId);
                        }
                    }
                }
            }
            var ranked = best.BestFirst();
            var candidates = new List<Candidate>(ranked.Length);
            foreach (var kept in ranked) candidates.Add(Explain(kept.Item.Profile, offer, kept.Score, now));
            return candidates;
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// The candidate with its score; its reasons are formatted when first read. (Formatting them
    /// costs more than ranking, and most are never read: the fan-out keeps 500 candidates for
    /// their scores, a proposal reads its own.) They use the provider's load as it was now.
    /// </summary>
    private Candidate Explain(NeedProfile need, OfferProfile offer, double score, DateTimeOffset now)
    {
        var load = LoadOf(offer.ProviderId);
        return new Candidate(need.NeedId, offer.OfferId, offer.ProviderId, Math.Round(score, 2), new ReasonsOnDemand(() =>
        {
            var reasons = MatchRules.WhyItFits(need, offer).ToList();
            MatchScore.NeedPriority(need, now, reasons);
            MatchScore.Fit(need, offer, load, reasons);
            return reasons;
        }));
    }

    /// <summary>The offers of the need's category whose area names its district, township or grid, or anywhere; each once.</summary>
    private IEnumerable<OfferProfile> OffersInArea(NeedProfile need)
    {
        var (category, location) = (need.Category, need.Location);
        foreach (var offer in _offersAnywhere.GetValueOrDefault(category)?.Values ?? Enumerable.Empty<OfferProfile>())
            yield return offer;
        foreach (var offer in _offersByDistrict.GetValueOrDefault((category, location.District))?.Values ?? Enumerable.Empty<OfferProfile>())
            yield return offer;
        foreach (var offer in _offersByTownship.GetValueOrDefault((category, location.Township))?.Values ?? Enumerable.Empty<OfferProfile>())
            if (!offer.Area.Districts.Contains(location.District)) yield return offer;
        foreach (var offer in _offersByGrid.GetValueOrDefault((category, location.Grid))?.Values ?? Enumerable.Empty<OfferProfile>())
            if (!offer.Area.Districts.Contains(location.District) && !offer.Area.Townships.Contains(location.Township))
                yield return offer;
    }

    /// <summary>The need buckets an offer's area covers, each once: every district of the category when it serves anywhere.</summary>
    private List<NeedBucket> BucketsInArea(OfferProfile offer)
    {
        var (area, category) = (offer.Area, offer.Category);
        var buckets = new List<NeedBucket>();
        void Add(NeedBucket? bucket) { if (bucket is not null && !buckets.Contains(bucket)) buckets.Add(bucket); }
        if (area.Districts.Count == 0 && area.Townships.Count == 0 && area.Grids.Count == 0)
        {
            foreach (var district in _districtsWithNeeds.GetValueOrDefault(category) ?? []) Add(_byDistrict.GetValueOrDefault((category, district)));
            return buckets;
        }
        foreach (var district in area.Districts) Add(_byDistrict.GetValueOrDefault((category, district)));
        foreach (var township in area.Townships) Add(_byTownship.GetValueOrDefault((category, township)));
        foreach (var grid in area.Grids) Add(_byGrid.GetValueOrDefault((category, grid)));
        return buckets;
    }

    private double LoadOf(Guid providerId) =>
        _providerLoad.TryGetValue(providerId, out var load) && load.Capacity > 0 ? (double)load.Allocated / load.Capacity : 0;

    private void RemoveNeedUnlocked(Guid needId)
    {
        if (!_needs.Remove(needId, out var old)) return;
        var (category, location) = (old.Profile.Category, old.Profile.Location);
        _byDistrict.GetValueOrDefault((category, location.District))?.Remove(old);
        _byTownship.GetValueOrDefault((category, location.Township))?.Remove(old);
        _byGrid.GetValueOrDefault((category, location.Grid))?.Remove(old);
    }

    private void RemoveOfferUnlocked(Guid offerId)
    {
        if (!_offers.Remove(offerId, out var old)) return;
        _offersAnywhere.GetValueOrDefault(old.Category)?.Remove(offerId);
        foreach (var district in old.Area.Districts) _offersByDistrict.GetValueOrDefault((old.Category, district))?.Remove(offerId);
        foreach (var township in old.Area.Townships) _offersByTownship.GetValueOrDefault((old.Category, township))?.Remove(offerId);
        foreach (var grid in old.Area.Grids) _offersByGrid.GetValueOrDefault((old.Category, grid))?.Remove(offerId);
        var (capacity, allocated) = _providerLoad.GetValueOrDefault(old.ProviderId);
        _providerLoad[old.ProviderId] = (capacity - old.Capacity, allocated - old.Allocated);
    }

    private NeedBucket NeedsOf(Dictionary<(NeedCategory, string), NeedBucket> index, (NeedCategory, string) key)
    {
        if (!index.TryGetValue(key, out var bucket))
            index[key] = bucket = new NeedBucket(ReferenceEquals(index, _byDistrict) ? AreaLevel.District
                : ReferenceEquals(index, _byTownship) ? AreaLevel.Township : AreaLevel.Grid);
        return bucket;
    }

    private static Dictionary<Guid, T> Bucket<T>(Dictionary<(NeedCategory, string), Dictionary<Guid, T>> index, (NeedCategory, string) key)
    {
        if (!index.TryGetValue(key, out var bucket)) index[key] = bucket = [];
        return bucket;
    }
}

internal enum AreaLevel { District, Township, Grid }

/// <summary>
/// The open needs of one category in one place, split by client group and by tier of standing
/// (<see cref="NeedTiers"/>), so an offer reads only the groups it serves, best tier first.
/// Each list is unordered; a removal swaps the last need into the gap.
/// </summary>
internal sealed class NeedBucket(AreaLevel level)
{
    private static readonly int Groups = Enum.GetValues<ClientGroup>().Length;
    private readonly List<IndexedNeed>?[] _tiers = new List<IndexedNeed>?[Groups * NeedTiers.Count];

    // The box around the positions of every need ever added (it never shrinks: a bound, not a fact).
    private double _south = double.PositiveInfinity, _north = double.NegativeInfinity, _west = double.PositiveInfinity, _east = double.NegativeInfinity;
    private bool _unplaced;

    public AreaLevel Level { get; } = level;

    /// <summary>
    /// The most distance points (<see cref="MatchScore.Fit"/>) any need here can score with this
    /// service point: from a lower bound of the haversine distance to the box of their positions
    /// (neither latitudes nor longitudes can be nearer than the box's edges, nor the cosine of a
    /// latitude in it smaller than at its edges); 5 for needs without a position.
    /// </summary>
    public double MaxDistancePoints(GeoPoint? servicePoint)
    {
        if (servicePoint is null) return 5;
        var unplaced = _unplaced ? 5.0 : 0.0;
        if (_south > _north) return unplaced;
        var (lat, lon) = (servicePoint.Latitude, servicePoint.Longitude);
        if (Math.Abs(lon - _west) > 180 || Math.Abs(lon - _east) > 180) return MatchScore.MaxDistance; // across the antimeridian: no bound
        var dLat = lat < _south ? _south - lat : lat > _north ? lat - _north : 0;
        var dLon = lon < _west ? _west - lon : lon > _east ? lon - _east : 0;
        var sinLat = Math.Sin(dLat * Math.PI / 360);
        var sinLon = Math.Sin(dLon * Math.PI / 360);
        var cosBox = Math.Min(Math.Cos(_south * Math.PI / 180), Math.Cos(_north * Math.PI / 180));
        var h = sinLat * sinLat + Math.Cos(lat * Math.PI / 180) * Math.Max(0, cosBox) * sinLon * sinLon;
        var km = 2 * 6371.0088 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
        return Math.Max(unplaced, MatchScore.MaxDistance * Math.Max(0, 1 - km / MatchScore.MaxDistanceKm));
    }

    public List<IndexedNeed>? Tier(int group, int tier) => _tiers[group * NeedTiers.Count + tier];

    public void Add(IndexedNeed need)
    {
        if (need.Profile.Position is { } at)
        {
            (_south, _north) = (Math.Min(_south, at.Latitude), Math.Max(_north, at.Latitude));
            (_west, _east) = (Math.Min(_west, at.Longitude), Math.Max(_east, at.Longitude));
        }
        else _unplaced = true;
        ref var list = ref _tiers[need.Group * NeedTiers.Count + need.Tier];
        list ??= [];
        need.SetSlot(Level, list.Count);
        list.Add(need);
    }

    public void Remove(IndexedNeed need)
    {
        var list = _tiers[need.Group * NeedTiers.Count + need.Tier];
        var slot = need.Slot(Level);
        if (list is null || slot >= list.Count || !ReferenceEquals(list[slot], need)) return;
        var last = list[^1];
        list[slot] = last;
        last.SetSlot(Level, slot);
        list.RemoveAt(list.Count - 1);
    }
}

/// <summary>
/// The distinct standings a need can have (urgency × risk × living alone), best first, and each
/// need's tier among them.
/// </summary>
internal static class NeedTiers
{
    public static readonly double[] Standing = (
        from urgency in Enum.GetValues<Urgency>()
        from risk in Enum.GetValues<RiskLevel>().Select(r => (RiskLevel?)r).Append(null)
        from alone in new[] { false, true }
        select MatchScore.StandingPoints(urgency, risk, alone)).Distinct().OrderDescending().ToArray();

    public static int Count => Standing.Length;
}

/// <summary>A need as the index holds it: its profile, the facts the hard rules read as small numbers, and its place in each bucket.</summary>
internal sealed class IndexedNeed
{
    private int _districtSlot, _townshipSlot, _gridSlot;

    public IndexedNeed(NeedProfile profile)
    {
        Profile = profile;
        Group = (int)profile.ClientGroup;
        Standing = MatchScore.StandingPoints(profile.Urgency, profile.RiskLevel, profile.ClientCategories.Contains(ClientCategory.LivesAlone));
        Tier = Array.IndexOf(NeedTiers.Standing, Standing);
        foreach (var category in profile.ClientCategories) Categories |= 1 << (int)category;
        Ability = profile.AbilityLevel is { } level and >= 0 and < 32 ? 1 << level : profile.AbilityLevel is null ? 0 : -1;
    }

    public NeedProfile Profile { get; }
    public int Group { get; }
    public int Tier { get; }

    /// <summary>Urgency and vulnerability (<see cref="MatchScore.StandingPoints"/>): the need's priority before waiting.</summary>
    public double Standing { get; }

    /// <summary>The client's categories as bits.</summary>
    public int Categories { get; }

    /// <summary>The ability level as one bit; 0 when not assessed; −1 when out of the range masks can hold.</summary>
    public int Ability { get; }

    public int Slot(AreaLevel level) => level switch { AreaLevel.District => _districtSlot, AreaLevel.Township => _townshipSlot, _ => _gridSlot };

    public void SetSlot(AreaLevel level, int slot)
    {
        switch (level)
        {
            case AreaLevel.District: _districtSlot = slot; break;
            case AreaLevel.Township: _townshipSlot = slot; break;
            default: _gridSlot = slot; break;
        }
    }
}

/// <summary>
/// An offer's hard rules (<see cref="MatchRules.Exclude"/>) compiled for the needs of its buckets,
/// which already share its category and lie in its area: validity, eligibility as bit masks, and
/// which bucket a need is read from when the area names it twice (district and township, say).
/// </summary>
internal readonly struct OfferRules
{
    private readonly OfferProfile _offer;
    private readonly DateOnly _today;
    private readonly int _categories;
    private readonly int _abilities;
    private readonly bool _exact;

    public OfferRules(OfferProfile offer, DateOnly today)
    {
        (_offer, _today) = (offer, today);
        var eligibility = offer.Eligibility;
        Groups = eligibility.ClientGroups.Count == 0
            ? Enum.GetValues<ClientGroup>().Select(g => (int)g).ToArray()
            : eligibility.ClientGroups.Distinct().Select(g => (int)g).ToArray();
        foreach (var category in eligibility.Categories) _categories |= 1 << (int)category;
        foreach (var level in eligibility.AbilityLevels)
            if (level is >= 0 and < 32) _abilities |= 1 << level;
            else _exact = true; // a level no mask holds: ask the rules themselves
    }

    /// <summary>The client groups the offer serves, as bucket indexes.</summary>
    public int[] Groups { get; }

    public bool Admit(IndexedNeed need, AreaLevel readFrom)
    {
        var profile = need.Profile;
        var area = _offer.Area;
        // Read once, from the widest of the area's lists that names the need's place.
        if (readFrom != AreaLevel.District && area.Districts.Count > 0 && area.Districts.Contains(profile.Location.District)) return false;
        if (readFrom == AreaLevel.Grid && area.Townships.Count > 0 && area.Townships.Contains(profile.Location.Township)) return false;
        if (_exact || need.Ability < 0) return MatchRules.Exclude(profile, _offer, _today) is null;
        var serviceDate = profile.StartDate > _today ? profile.StartDate : _today;
        if (_offer.ValidFrom > serviceDate || _offer.ValidUntil is { } until && until < serviceDate) return false;
        var eligibility = _offer.Eligibility;
        if (profile.ClientAge is { } age && (eligibility.MinAge is { } min && age < min || eligibility.MaxAge is { } max && age > max)) return false;
        if (_categories != 0 && (_categories & need.Categories) == 0) return false;
        if (_abilities != 0 && need.Ability != 0 && (_abilities & need.Ability) == 0) return false;
        return true;
    }
}

/// <summary>The best <c>k</c> items by score, ties broken by the smaller id: a bounded min-heap, so the whole list is never sorted.</summary>
internal sealed class TopK<T>(int k)
{
    private readonly PriorityQueue<T, (double Score, Guid Id)> _heap = new(k + 1, Worse.Instance);

    public bool IsFull => _heap.Count >= k;

    public double WorstScore => _heap.TryPeek(out _, out var worst) ? worst.Score : double.NegativeInfinity;

    public void Offer(T item, double score, Guid id)
    {
        if (_heap.Count < k) _heap.Enqueue(item, (score, id));
        else if (_heap.TryPeek(out _, out var worst) && Worse.Instance.Compare((score, id), worst) > 0) _heap.EnqueueDequeue(item, (score, id));
    }

    public (T Item, double Score)[] BestFirst()
    {
        var items = new (T, double)[_heap.Count];
        for (var i = items.Length - 1; i >= 0; i--)
        {
            _heap.TryDequeue(out var item, out var key);
            items[i] = (item!, key.Score);
        }
        return items;
    }

    /// <summary>Orders the worst first: the lower score, then the greater id.</summary>
    private sealed class Worse : IComparer<(double Score, Guid Id)>
    {
        public static readonly Worse Instance = new();

        public int Compare((double Score, Guid Id) x, (double Score, Guid Id) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Id.CompareTo(x.Id);
        }
    }
}

/// <summary>A candidate's reasons, formatted on first read (see <see cref="MatchingIndex"/>'s Explain).</summary>
internal sealed class ReasonsOnDemand(Func<List<MatchReason>> explain) : IReadOnlyList<MatchReason>
{
    private List<MatchReason>? _reasons;

    private List<MatchReason> Reasons => LazyInitializer.EnsureInitialized(ref _reasons, explain);

    public MatchReason this[int index] => Reasons[index];

    public int Count => Reasons.Count;

    public IEnumerator<MatchReason> GetEnumerator() => Reasons.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
