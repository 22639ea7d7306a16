using System.Runtime.ExceptionServices;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Engine;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Offers;
using JasperFx;
using Marten;

namespace FiveSocieties.Matching.Referrals;

/// <summary>
/// The referral loop (转介闭环): every step that touches more than one stream — a need, its
/// referral, the offer — lives here, and the endpoints, the HSDS import, the consumers and the
/// sweeps only call it. A step is one commit: the referral's decision plus what follows on the
/// offer (reserve or release a place) and on the need (back to matching, its next candidate
/// proposed). Losing a race for a stream (many providers accepting the last places at once) is
/// decided again on what the winner wrote (<see cref="ConcurrencyRetry"/>), so an offer is never
/// over-allocated. A freed place, a new offer or a larger one is then proposed to the needs
/// that wait (flow C), after the commit, each proposal a commit of its own.
/// </summary>
public sealed class ReferralProcess(
    IDocumentStore store, MatchingIndex index, IndexFollower follower, ReferralDeadlines deadlines, TimeProvider clock,
    ILogger<ReferralProcess> logger)
{
    /// <summary>How many needs one announcement names at most (the best first).</summary>
    public const int MaxNeedsAnnounced = 500;

    /// <summary>The oldest waiting needs one sweep looks at; the next sweep takes the rest.</summary>
    public const int MaxWaitingNeedsPerSweep = 2000;

    // ---- Needs come in and go out (the consumers' steps; the consumer saves the session) ----

    /// <summary>Flow A: a raised need opens for matching and, in the same commit, is proposed its best fitting offer.</summary>
    public async Task<ReferralProposed?> OpenNeedAsync(IDocumentSession session, NeedRaised raised, CancellationToken cancellationToken)
    {
        // The need may reach this replica before an offer another replica just published has reached its
        // index. Proposed from that index, it would miss the offer for good: the offer's own proposal, made
        // when it was published, found no need yet. So look at the store first.
        await follower.CatchUpAsync(logger, cancellationToken);
        return await ProposeAsync(session, raised.NeedId, state => MirroredNeedDecider.Decide(state, raised), cancellationToken);
    }

    /// <summary>
    /// The need leaves matching (withdrawn, or its case closed) as <paramref name="decide"/> says,
    /// and its referral in progress ends in the caller's commit, freeing a place it held. Returns
    /// the offer whose place was freed, to be proposed to waiting needs after the commit
    /// (<see cref="ProposeOfferAsync"/>). A need already out changes nothing.
    /// </summary>
    public async Task<Guid?> TakeNeedOutAsync(
        IDocumentSession session, Guid needId, Func<MirroredNeed?, IReadOnlyList<object>> decide, ReferralCancelCause cause,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        Guid? referralId = null;
        var left = await session.DecideAsync<MirroredNeed>(needId, state =>
        {
            referralId = state?.ActiveReferralId;
            return decide(state);
        }, cancellationToken);
        if (left.ChangedNothing || referralId is not { } id) return null;

        var referral = await session.LoadAsync<Referral>(id, cancellationToken);
        if (referral is null || referral.IsOver) return null;
        var decision = await session.DecideAsync<Referral>(id, r => r is null ? [] : ReferralDecider.Cancel(r, cause, now), cancellationToken);
        return !decision.ChangedNothing && referral.HoldsPlace && await ReleaseAsync(session, referral, now, cancellationToken)
            ? referral.OfferId
            : null;
    }

    // ---- Offers are published, grow, are withdrawn or expire ----

    /// <summary>
    /// Publishes offers (one from the portal, or a directory's worth from an HSDS import) in the
    /// caller's commit, together with whatever else it holds (the import's providers): each new
    /// offer is announced to the caseworkers of the open needs it fits in that commit, and
    /// proposed to the best of those needs after it. A repeat of a published offer changes nothing.
    /// </summary>
    public async Task<IReadOnlyList<Decision>> PublishOffersAsync(
        IDocumentSession session, IReadOnlyList<PublishOffer> offers, CancellationToken cancellationToken)
    {
        var decisions = new List<Decision>();
        foreach (var offer in offers)
        {
            decisions.Add(await session.DecideAsync<Offer>(offer.OfferId, state =>
            {
                var events = OfferDecider.Decide(state, offer);
                if (events is not [OfferPublished published]) return events;
                return Announce(Offer.Create(published).Profile(), offer.At) is { } announced ? [published, announced] : events;
            }, cancellationToken));
        }
        await session.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < offers.Count; i++)
            if (!decisions[i].ChangedNothing) await ProposeOfferAsync(offers[i].OfferId, cancellationToken);
        return decisions;
    }

    /// <summary>The provider changes how many places the offer has; an increase is announced and proposed as a new offer is.</summary>
    public async Task<Decision> ChangeCapacityAsync(
        Guid offerId, int capacity, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var increased = false;
        // A reservation committing first is no reason to refuse a provider who named no version.
        var decision = await store.WriteAsync(expectedVersion, async (session, ct) =>
        {
            var decision = await session.DecideAsync<Offer>(offerId, state =>
            {
                var offer = Owned(state, offerId, user);
                var events = OfferDecider.ChangeCapacity(offer, capacity, user.Id, now);
                increased = capacity > offer.Capacity;
                if (!increased || events.Count == 0) return events;
                var announced = Announce(offer.Profile() with { Capacity = capacity }, now);
                return announced is null ? events : [.. events, announced];
            }, ct, expectedVersion);
            await session.SaveChangesAsync(ct);
            return decision;
        }, cancellationToken);
        if (increased && !decision.ChangedNothing) await ProposeOfferAsync(offerId, cancellationToken);
        return decision;
    }

    /// <summary>The provider withdraws the offer: it leaves matching, and its referrals in progress end in the same commit.</summary>
    public async Task<Decision> WithdrawOfferAsync(Guid offerId, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await store.WriteAsync(expectedVersion, async (session, ct) =>
        {
            var decision = await session.DecideAsync<Offer>(offerId, state => OfferDecider.Withdraw(Owned(state, offerId, user), now),
                ct, expectedVersion);
            if (!decision.ChangedNothing) await CancelForOfferAsync(session, offerId, ReferralCancelCause.OfferWithdrawn, now, ct);
            await session.SaveChangesAsync(ct);
            return decision;
        }, cancellationToken);
    }

    /// <summary>
    /// The expiry sweep's step: an offer past its last valid date leaves matching, as a withdrawn
    /// one does. A reservation that wrote first (say) is no reason to wait for the next sweep:
    /// the expiry is decided again on it.
    /// </summary>
    public async Task ExpireOfferAsync(Guid offerId, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken) =>
        await store.WriteAsync(async (session, ct) =>
        {
            var decision = await session.DecideAsync<Offer>(offerId, offer => offer is null ? [] : OfferDecider.Expire(offer, today, now), ct);
            if (!decision.ChangedNothing) await CancelForOfferAsync(session, offerId, ReferralCancelCause.OfferExpired, now, ct);
            await session.SaveChangesAsync(ct);
            return decision;
        }, cancellationToken);

    // ---- A referral's own steps over HTTP ----

    public Task<Referral> ApproveAsync(Guid referralId, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken) =>
        InOneCommitAsync(referralId, user, expectedVersion, cancellationToken, async (session, referral, now, ct) =>
        {
            EnsureStationStaff(user, referral);
            await session.DecideAsync<Referral>(referralId, r => ReferralDecider.Approve(r!, user.Id, now, deadlines), ct, expectedVersion);
            return null;
        });

    /// <summary>The provider accepts: one place of the offer is reserved in the same commit.</summary>
    public Task<Referral> AcceptAsync(Guid referralId, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken) =>
        InOneCommitAsync(referralId, user, expectedVersion, cancellationToken, async (session, referral, now, ct) =>
        {
            EnsureProvider(user, referral);
            var decision = await session.DecideAsync<Referral>(referralId, r => ReferralDecider.Accept(r!, user.Id, now, deadlines),
                ct, expectedVersion);
            if (!decision.ChangedNothing)
                await session.DecideAsync<Offer>(referral.OfferId, offer => offer is null
                    ? throw new RecordNotFound("Offer", referral.OfferId)
                    : OfferDecider.Reserve(offer, referralId, now), ct);
            return null;
        });

    public Task<Referral> StartAsync(Guid referralId, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken) =>
        InOneCommitAsync(referralId, user, expectedVersion, cancellationToken, async (session, referral, now, ct) =>
        {
            EnsureProvider(user, referral);
            await session.DecideAsync<Referral>(referralId, r => ReferralDecider.Start(r!, user.Id, now), ct, expectedVersion);
            return null;
        });

    /// <summary>Completion ends the referral and frees its place (a completed service no longer uses it) for a waiting need.</summary>
    public Task<Referral> CompleteAsync(
        Guid referralId, ReferralOutcome outcome, string? note, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken) =>
        InOneCommitAsync(referralId, user, expectedVersion, cancellationToken, async (session, referral, now, ct) =>
        {
            EnsureProvider(user, referral);
            var decision = await session.DecideAsync<Referral>(referralId, r => ReferralDecider.Complete(r!, outcome, note, user.Id, now),
                ct, expectedVersion);
            return !decision.ChangedNothing && await ReleaseAsync(session, referral, now, ct) ? referral.OfferId : null;
        });

    /// <summary>A decline frees the place (if it held one) and sends the need on to its next candidate.</summary>
    public Task<Referral> DeclineAsync(
        Guid referralId, ReferralDeclineReason reason, string? note, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken) =>
        InOneCommitAsync(referralId, user, expectedVersion, cancellationToken, async (session, referral, now, ct) =>
        {
            ReferralDeclinedBy by;
            if (user.IsIn(Roles.Provider) && !user.IsIn(Roles.Admin)) { EnsureProvider(user, referral); by = ReferralDeclinedBy.Provider; }
            else if (user.IsIn(Roles.Admin)) by = referral.Status == ReferralStatus.AwaitingApproval ? ReferralDeclinedBy.Caseworker : ReferralDeclinedBy.Provider;
            else { EnsureStationStaff(user, referral); by = ReferralDeclinedBy.Caseworker; }
            var decision = await session.DecideAsync<Referral>(referralId, r => ReferralDecider.Decline(r!, by, reason, note, user.Id, now),
                ct, expectedVersion);
            if (decision.ChangedNothing) return null;
            var released = referral.HoldsPlace && await ReleaseAsync(session, referral, now, ct);
            await ProposeNextAsync(session, referral, now, ct);
            return released ? referral.OfferId : null;
        });

    /// <summary>The deadline sweep's step: expire a referral whose waiting step ran out, then as for a decline.</summary>
    public async Task<bool> ExpireAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var (expired, freed) = await store.WriteAsync(async (session, ct) =>
        {
            var referral = await session.LoadAsync<Referral>(referralId, ct);
            if (referral is null) return (false, (Guid?)null);
            var now = clock.GetUtcNow();
            var decision = await session.DecideAsync<Referral>(referralId, r => ReferralDecider.Expire(r!, now), ct, referral.Version);
            if (decision.ChangedNothing) return (false, null);
            var released = referral.HoldsPlace && await ReleaseAsync(session, referral, now, ct);
            await ProposeNextAsync(session, referral, now, ct);
            await session.SaveChangesAsync(ct);
            return (true, released ? referral.OfferId : (Guid?)null);
        }, cancellationToken);
        if (freed is { } offerId) await ProposeOfferAsync(offerId, cancellationToken);
        return expired;
    }

    // ---- Proposing ----

    /// <summary>Proposes the offer to the best fitting needs that wait for a referral, up to its free places (each its own commit).</summary>
    public async Task<int> ProposeOfferAsync(Guid offerId, CancellationToken cancellationToken)
    {
        if (index.Offer(offerId) is not { } offer) return 0;
        int pending;
        await using (var query = store.QuerySession())
            pending = await query.Query<Referral>().CountAsync(r => r.Parties.OfferId == offerId
                && (r.Status == ReferralStatus.AwaitingApproval || r.Status == ReferralStatus.AwaitingAcceptance), cancellationToken);
        var places = offer.FreeCapacity - pending;
        var proposed = 0;
        if (places <= 0) return 0;
        foreach (var candidate in index.RankNeedsFor(offer, clock.GetUtcNow(), MaxNeedsAnnounced))
        {
            if (proposed >= places) break;
            try
            {
                await using var session = store.LightweightSession();
                var referral = await ProposeAsync(session, candidate.NeedId, _ => [], cancellationToken, _ => candidate);
                if (referral is null) continue;
                await session.SaveChangesAsync(cancellationToken);
                proposed++;
            }
            catch (Exception e) when (ConcurrencyRetry.LostTheRace(e))
            {
                // Another proposer got to this need first: it is in the loop either way, so no retry.
                logger.LogDebug("Need {NeedId} was taken by another proposal", candidate.NeedId);
            }
        }
        return proposed;
    }

    /// <summary>
    /// The safety net under the two ways a need meets an offer: proposes to every need that waits
    /// with no referral in progress while an offer it has not tried fits it. A need and an offer
    /// committed at the same moment on two replicas can each be ranked before the other is seen;
    /// a proposal can be lost with the process that was about to make it. Needs nothing fits cost
    /// no write; each proposal is its own commit, and a race with another proposer is lost quietly.
    /// </summary>
    public async Task<int> ProposeToWaitingNeedsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<MirroredNeed> waiting;
        await using (var query = store.QuerySession())
            waiting = await query.Query<MirroredNeed>()
                .Where(n => n.Status == MirroredNeedStatus.Open && n.ActiveReferralId == null)
                .OrderBy(n => n.RaisedAt).Take(MaxWaitingNeedsPerSweep).ToListAsync(cancellationToken);
        var proposed = 0;
        foreach (var need in waiting)
        {
            if (BestUntried(need) is null) continue;
            try
            {
                await using var session = store.LightweightSession();
                if (await ProposeAsync(session, need.Id, _ => [], cancellationToken) is null) continue;
                await session.SaveChangesAsync(cancellationToken);
                proposed++;
            }
            catch (Exception e) when (ConcurrencyRetry.LostTheRace(e))
            {
                logger.LogDebug("Need {NeedId} was proposed by another replica meanwhile", need.Id);
            }
        }
        if (proposed > 0) logger.LogInformation("Proposed offers to {Count} needs that waited while one fitted", proposed);
        return proposed;
    }

    /// <summary>
    /// One decision on the need's stream: first <paramref name="prelude"/> (opening the need, or
    /// ending its referral), then — if the need, as the aggregate folds those events, is open with
    /// no referral in progress — a proposal of <paramref name="choose"/>'s candidate (by default
    /// the best offer not yet tried). The proposal records the referral in progress and the offer
    /// tried on the need, so two proposers racing for one need cannot both win, and starts the
    /// referral's stream, whose id derives from need and offer, so one offer is never proposed
    /// twice to one need. The caller saves the session.
    /// </summary>
    private async Task<ReferralProposed?> ProposeAsync(
        IDocumentSession session, Guid needId, Func<MirroredNeed?, IReadOnlyList<object>> prelude, CancellationToken cancellationToken,
        Func<MirroredNeed, Candidate?>? choose = null)
    {
        ReferralProposed? proposed = null;
        var now = clock.GetUtcNow();
        await session.DecideAsync<MirroredNeed>(needId, state =>
        {
            proposed = null; // a retried decision starts afresh
            var events = prelude(state).ToList();
            var need = MirroredNeed.After(state, events);
            if (need is null || !need.IsOpen || need.ActiveReferralId is not null) return events;
            var candidate = (choose ?? BestUntried)(need);
            if (candidate is null || need.TriedOffers.Contains(candidate.OfferId) || index.Offer(candidate.OfferId) is not { } offer)
                return events;
            var referralId = ReferralIds.For(needId, offer.OfferId);
            events.Add(new NeedReferred(needId, referralId, offer.OfferId, now));
            var parties = new ReferralParties(needId, need.CaseId, need.StationId, index.CaseworkerOf(need.Profile()), offer.OfferId,
                offer.ProviderId, offer.ProviderName, offer.Title, offer.Category, need.Recurrence);
            proposed = ReferralDecider.Propose(referralId, parties, candidate.Score, [.. candidate.Reasons.Select(r => r.Text.English)],
                offer.ServicePoint, offer.Schedule, now, deadlines);
            return events;
        }, cancellationToken);
        if (proposed is not null) session.Events.StartStream<Referral>(proposed.ReferralId, proposed);
        return proposed;
    }

    private Candidate? BestUntried(MirroredNeed need) =>
        index.RankOffersFor(need.Profile(), clock.GetUtcNow(), need.TriedOffers.Count + 5)
            .FirstOrDefault(c => !need.TriedOffers.Contains(c.OfferId));

    /// <summary>The referral ended: its need goes back to matching and is proposed its next candidate, in the caller's commit.</summary>
    private Task ProposeNextAsync(IDocumentSession session, Referral ended, DateTimeOffset now, CancellationToken cancellationToken) =>
        ProposeAsync(session, ended.NeedId, need => need?.ActiveReferralId == ended.Id
            ? [new NeedReferralEnded(ended.NeedId, ended.Id, now)]
            : [], cancellationToken);

    /// <summary>
    /// The offer was withdrawn or expired: every referral still in progress for it ends in the
    /// caller's commit, and each need goes back to matching and is proposed its next candidate.
    /// (The places they held are not released: a withdrawn offer has none to give.)
    /// </summary>
    private async Task CancelForOfferAsync(
        IDocumentSession session, Guid offerId, ReferralCancelCause cause, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inProgress = await session.Query<Referral>()
            .Where(r => r.Parties.OfferId == offerId && (r.Status == ReferralStatus.AwaitingApproval || r.Status == ReferralStatus.AwaitingAcceptance
                || r.Status == ReferralStatus.Accepted || r.Status == ReferralStatus.InService))
            .ToListAsync(cancellationToken);
        foreach (var referral in inProgress)
        {
            var decision = await session.DecideAsync<Referral>(referral.Id, r => r is null ? [] : ReferralDecider.Cancel(r, cause, now), cancellationToken);
            if (!decision.ChangedNothing) await ProposeNextAsync(session, referral, now, cancellationToken);
        }
    }

    /// <summary>Flow C: the announcement of an offer to the caseworkers of the open needs it fits, or null when it fits none.</summary>
    private OfferMatchedToNeeds? Announce(OfferProfile offer, DateTimeOffset now)
    {
        var candidates = index.RankNeedsFor(offer, now, MaxNeedsAnnounced);
        if (candidates.Count == 0) return null;
        var caseworkers = candidates
            .Select(c => (Candidate: c, Need: index.Need(c.NeedId)))
            .Where(x => x.Need is not null)
            .GroupBy(x => (Caseworker: index.CaseworkerOf(x.Need!), x.Need!.StationId))
            .Select(g => new MatchedCaseworker(g.Key.Caseworker, g.Key.StationId,
                g.Select(x => new MatchedNeed(x.Need!.NeedId, x.Need.CaseId, x.Candidate.Score)).ToList()))
            .ToList();
        return new OfferMatchedToNeeds(offer.OfferId, offer.ProviderId, offer.ProviderName, offer.Title, offer.Category, caseworkers, now);
    }

    /// <summary>Frees the referral's place on its offer; true when one was freed (then waiting needs may be proposed it after the commit).</summary>
    private static async Task<bool> ReleaseAsync(IDocumentSession session, Referral referral, DateTimeOffset now, CancellationToken cancellationToken) =>
        !(await session.DecideAsync<Offer>(referral.OfferId, offer => offer is null ? [] : OfferDecider.Release(offer, referral.Id, now), cancellationToken))
            .ChangedNothing;

    /// <summary>
    /// Loads the referral (404 when it does not exist or the caller may not see it), runs the step
    /// and commits; a lost race on the offer or the need is decided again on what the winner
    /// wrote, unless the client's If-Match is stale (then 409 at once). A place the step freed is
    /// proposed to the waiting needs after the commit. Answers the referral as Marten folded it.
    /// </summary>
    private async Task<Referral> InOneCommitAsync(
        Guid referralId, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken,
        Func<IDocumentSession, Referral, DateTimeOffset, CancellationToken, Task<Guid?>> step)
    {
        Guid? freed;
        try
        {
            freed = await store.WriteAsync(async (session, ct) =>
            {
                var referral = await session.LoadAsync<Referral>(referralId, ct);
                if (referral is null || !ReferralVisibility.CanSee(user, referral)) throw new RecordNotFound("Referral", referralId);
                var stale = expectedVersion is { } expected && expected != referral.Version;
                try
                {
                    var freedOffer = await step(session, referral, clock.GetUtcNow(), ct);
                    await session.SaveChangesAsync(ct);
                    return freedOffer;
                }
                catch (ConcurrencyException e) when (stale)
                {
                    throw new StaleIfMatch(e);
                }
            }, cancellationToken);
        }
        catch (StaleIfMatch stale)
        {
            ExceptionDispatchInfo.Throw(stale.InnerException!);
            throw;
        }
        if (freed is { } offerId) await ProposeOfferAsync(offerId, cancellationToken);
        await using var query = store.QuerySession();
        return await query.LoadAsync<Referral>(referralId, cancellationToken) ?? throw new RecordNotFound("Referral", referralId);
    }

    /// <summary>The client named a version that is no longer the referral's: not a race to run again.</summary>
    private sealed class StaleIfMatch(ConcurrencyException conflict) : Exception(conflict.Message, conflict);

    /// <summary>The offer, if it exists and the caller may change it (404 otherwise, so others' offers do not leak).</summary>
    private static Offer Owned(Offer? state, Guid id, CurrentUser user) =>
        state is not null && (user.IsIn(Roles.Admin) || user.ProviderId == state.ProviderId) ? state : throw new RecordNotFound("Offer", id);

    private static void EnsureProvider(CurrentUser user, Referral referral)
    {
        if (user.IsIn(Roles.Admin)) return;
        if (!user.IsIn(Roles.Provider) || user.ProviderId != referral.ProviderId)
            throw new ActionForbidden("referral.provider-only", "Only the provider the referral was sent to can do this.");
    }

    private static void EnsureStationStaff(CurrentUser user, Referral referral)
    {
        if (user.IsIn(Roles.Admin)) return;
        if (!(user.IsIn(Roles.Caseworker) || user.IsIn(Roles.Supervisor)) || user.StationId != referral.StationId)
            throw new ActionForbidden("referral.station-staff-only", "Only the need's caseworker or a supervisor of its station can do this.");
    }
}

/// <summary>Providers see only the referrals sent to them; station staff only their station's; admins all.</summary>
public static class ReferralVisibility
{
    public static bool CanSee(CurrentUser user, Referral referral) =>
        user.IsIn(Roles.Admin)
        || (user.IsIn(Roles.Provider) && user.ProviderId == referral.ProviderId)
        || ((user.IsIn(Roles.Caseworker) || user.IsIn(Roles.Supervisor)) && user.StationId == referral.StationId);
}
