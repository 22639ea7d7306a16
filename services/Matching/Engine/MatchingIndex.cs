using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Matching.Engine;

/// <summary>
/// The matching engine's memory: open needs indexed by category and by district, township and
/// grid, live offers by category, and each provider's load. Incremental matching reads only the
/// buckets a new need or offer can fit, so it stays fast with 100k needs and 10k offers. It is
/// rebuilt from Marten's documents at start and follows every commit afterwards
/// (<see cref="IndexFollower"/>); it is never the source of truth.
/// </summary>
public sealed class MatchingIndex
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<Guid, NeedProfile> _needs = [];
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

    public int OpenNeeds { get { _lock.EnterReadLock(); try { return _needs.Count; } finally { _lock.ExitReadLock(); } } }
    public int LiveOffers { get { _lock.EnterReadLock(); try { return _offers.Count; } finally { _lock.ExitReadLock(); } } }

    public void UpsertNeed(NeedProfile need)
    {
        _lock.EnterWriteLock();
        try
        {
            RemoveNeedUnlocked(need.NeedId);
            _needs[need.NeedId] = need;
            NeedsOf(_byDistrict, (need.Category, need.Location.District)).Add(need);
            NeedsOf(_byTownship, (need.Category, need.Location.Township)).Add(need);
            NeedsOf(_byGrid, (need.Category, need.Location.Grid)).Add(need);
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
        try { return _needs.GetValueOrDefault(needId); }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// On a new need: the live offers that fit it, best first, each with its reasons. When
    /// <paramref name="excluded"/> is given it receives the offers of the same category serving
    /// the need's area that another hard rule excluded, with the rule.
    /// </summary>
    public IReadOnlyList<Candidate> RankOffersFor(NeedProfile need, DateTimeOffset now, int limit = 10, List<Exclusion>? excluded = null)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        _lock.EnterReadLock();
        try
        {
            var priority = MatchScore.NeedPriority(need, now);
            var best = new PriorityQueue<OfferProfile, double>();
            foreach (var offer in OffersInArea(need))
            {
                if (MatchRules.Exclude(need, offer, today) is { } rule)
                {
                    excluded?.Add(new Exclusion(need.NeedId, offer.OfferId, rule.Rule, $"{offer.Title}: {rule.Reason}"));
                    continue;
                }
                var score = priority + MatchScore.Fit(need, offer, LoadOf(offer.ProviderId));
                Keep(best, offer, score, limit);
            }
            return Drain(best).Select(offer => Explain(need, offer, now)).OrderByDescending(c => c.Score).ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>On a new offer (or more capacity): the open needs it fits, best first, each with its reasons.</summary>
    public IReadOnlyList<Candidate> RankNeedsFor(OfferProfile offer, DateTimeOffset now, int limit = 100)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        _lock.EnterReadLock();
        try
        {
            var load = LoadOf(offer.ProviderId);
            var best = new PriorityQueue<NeedProfile, double>();
            foreach (var bucket in BucketsInArea(offer))
                foreach (var (standing, need) in bucket.BestFirst())
                {
                    // The rest of this bucket cannot beat the worst kept: stop reading it.
                    if (best.Count == limit && best.TryPeek(out _, out var worst) && standing + MatchScore.MaxWaitingAndFit <= worst) break;
                    if (!Served(offer.Area, need.Location, bucket) || MatchRules.Exclude(need, offer, today) is not null) continue;
                    Keep(best, need, MatchScore.NeedPriority(need, now) + MatchScore.Fit(need, offer, load), limit);
                }
            return Drain(best).Select(need => Explain(need, offer, now)).OrderByDescending(c => c.Score).ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>The candidate with its full reasons (computed only for the few that are kept).</summary>
    private Candidate Explain(NeedProfile need, OfferProfile offer, DateTimeOffset now)
    {
        var reasons = MatchRules.WhyItFits(need, offer).ToList();
        var score = MatchScore.NeedPriority(need, now, reasons) + MatchScore.Fit(need, offer, LoadOf(offer.ProviderId), reasons);
        return new Candidate(need.NeedId, offer.OfferId, offer.ProviderId, Math.Round(score, 2), reasons);
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

    /// <summary>The need buckets an offer's area covers: every district of the category when it serves anywhere.</summary>
    private IEnumerable<NeedBucket> BucketsInArea(OfferProfile offer)
    {
        var (area, category) = (offer.Area, offer.Category);
        if (area.Districts.Count == 0 && area.Townships.Count == 0 && area.Grids.Count == 0)
        {
            foreach (var district in _districtsWithNeeds.GetValueOrDefault(category) ?? [])
                if (_byDistrict.GetValueOrDefault((category, district)) is { } all) yield return all;
            yield break;
        }
        foreach (var district in area.Districts.Distinct())
            if (_byDistrict.GetValueOrDefault((category, district)) is { } bucket) yield return bucket;
        foreach (var township in area.Townships.Distinct())
            if (_byTownship.GetValueOrDefault((category, township)) is { } bucket) yield return bucket;
        foreach (var grid in area.Grids.Distinct())
            if (_byGrid.GetValueOrDefault((category, grid)) is { } bucket) yield return bucket;
    }

    /// <summary>A need is read once, from the widest of the area's lists that names its place.</summary>
    private static bool Served(ServiceArea area, GridLocation location, NeedBucket bucket) => bucket.Level switch
    {
        AreaLevel.Township => !area.Districts.Contains(location.District),
        AreaLevel.Grid => !area.Districts.Contains(location.District) && !area.Townships.Contains(location.Township),
        _ => true,
    };

    private double LoadOf(Guid providerId) =>
        _providerLoad.TryGetValue(providerId, out var load) && load.Capacity > 0 ? (double)load.Allocated / load.Capacity : 0;

    private static void Keep<T>(PriorityQueue<T, double> best, T item, double score, int limit)
    {
        if (best.Count < limit) best.Enqueue(item, score);
        else if (best.TryPeek(out _, out var worst) && score > worst) best.EnqueueDequeue(item, score);
    }

    private static List<T> Drain<T>(PriorityQueue<T, double> queue)
    {
        var items = new List<T>(queue.Count);
        while (queue.TryDequeue(out var item, out _)) items.Add(item);
        return items;
    }

    private void RemoveNeedUnlocked(Guid needId)
    {
        if (!_needs.Remove(needId, out var old)) return;
        _byDistrict.GetValueOrDefault((old.Category, old.Location.District))?.Remove(old);
        _byTownship.GetValueOrDefault((old.Category, old.Location.Township))?.Remove(old);
        _byGrid.GetValueOrDefault((old.Category, old.Location.Grid))?.Remove(old);
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

/// <summary>The open needs of one category in one place, kept in order of standing (best first) so ranking can stop early.</summary>
internal sealed class NeedBucket(AreaLevel level)
{
    private readonly SortedSet<(double Key, Guid Id)> _order = [];
    private readonly Dictionary<Guid, NeedProfile> _needs = [];

    public AreaLevel Level { get; } = level;

    public void Add(NeedProfile need)
    {
        _needs[need.NeedId] = need;
        _order.Add((-MatchScore.Standing(need), need.NeedId));
    }

    public void Remove(NeedProfile need)
    {
        if (_needs.Remove(need.NeedId)) _order.Remove((-MatchScore.Standing(need), need.NeedId));
    }

    public IEnumerable<(double Standing, NeedProfile Need)> BestFirst()
    {
        foreach (var (key, id) in _order) yield return (-key, _needs[id]);
    }
}
