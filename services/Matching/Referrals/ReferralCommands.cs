using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Offers;
using JasperFx;
using Marten;

namespace FiveSocieties.Matching.Referrals;

/// <summary>
/// Every step of the loop as one commit: the referral's decision plus what follows from it on
/// the offer (reserve or release a place) and on the need (back to matching, the next candidate
/// proposed). Steps that touch the offer retry on a concurrency conflict, so many providers
/// accepting at once queue on the offer's version instead of over-allocating it.
/// </summary>
public sealed class ReferralCommands(
    IDocumentStore store, ReferralLoop loop, NewResourceFanOut fanOut, ReferralDeadlines deadlines, TimeProvider clock)
{
    private const int Attempts = 30;

    public Task<Referral> ApproveAsync(Guid referralId, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken) =>
        InOneCommitAsync(referralId, user, expectedVersion, cancellationToken, async (session, referral, now) =>
        {
            EnsureStationStaff(user, referral);
            await session.DecideAsync<Referral>(referralId, r => ReferralDecider.Approve(r!, user.Id, now, deadlines), cancellationToken, expectedVersion);
        });

    public Task<Referral> AcceptAsync(Guid referralId, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken) =>
        InOneCommitAsync(referralId, user, expectedVersion, cancellationToken, async (session, referral, now) =>
        {
            EnsureProvider(user, referral);
            var decision = await session.DecideAsync<Referral>(referralId, r => ReferralDecider.Accept(r!, user.Id, now, deadlines),
                cancellationToken, expectedVersion);
            if (!decision.ChangedNothing)
                await session.DecideAsync<Offer>(referral.OfferId, offer => offer is null
                    ? throw new RecordNotFound("Offer", referral.OfferId)
                    : OfferDecider.Reserve(offer, referralId, now), cancellationToken);
        });

    public Task<Referral> StartAsync(Guid referralId, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken) =>
        InOneCommitAsync(referralId, user, expectedVersion, cancellationToken, async (session, referral, now) =>
        {
            EnsureProvider(user, referral);
            await session.DecideAsync<Referral>(referralId, r => ReferralDecider.Start(r!, user.Id, now), cancellationToken, expectedVersion);
        });

    /// <summary>Completion ends the referral and frees its place (a completed service no longer uses it) for a waiting need.</summary>
    public async Task<Referral> CompleteAsync(
        Guid referralId, ReferralOutcome outcome, string? note, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken)
    {
        var released = false;
        var referral = await InOneCommitAsync(referralId, user, expectedVersion, cancellationToken, async (session, referral, now) =>
        {
            EnsureProvider(user, referral);
            var decision = await session.DecideAsync<Referral>(referralId, r => ReferralDecider.Complete(r!, outcome, note, user.Id, now),
                cancellationToken, expectedVersion);
            released = !decision.ChangedNothing && await ReleaseAsync(session, referral, now, cancellationToken);
        });
        if (released) await fanOut.ProposeAsync(referral.OfferId, cancellationToken);
        return referral;
    }

    /// <summary>A decline frees the place (if it held one) and sends the need on to its next candidate.</summary>
    public async Task<Referral> DeclineAsync(
        Guid referralId, ReferralDeclineReason reason, string? note, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken)
    {
        var released = false;
        var referral = await InOneCommitAsync(referralId, user, expectedVersion, cancellationToken, async (session, referral, now) =>
        {
            ReferralDeclinedBy by;
            if (user.IsIn(Roles.Provider) && !user.IsIn(Roles.Admin)) { EnsureProvider(user, referral); by = ReferralDeclinedBy.Provider; }
            else if (user.IsIn(Roles.Admin)) by = referral.Status == ReferralStatus.AwaitingApproval ? ReferralDeclinedBy.Caseworker : ReferralDeclinedBy.Provider;
            else { EnsureStationStaff(user, referral); by = ReferralDeclinedBy.Caseworker; }
            var decision = await session.DecideAsync<Referral>(referralId, r => ReferralDecider.Decline(r!, by, reason, note, user.Id, now),
                cancellationToken, expectedVersion);
            if (decision.ChangedNothing) return;
            released = referral.HoldsPlace && await ReleaseAsync(session, referral, now, cancellationToken);
            await ProposeNextAsync(session, referral, now, cancellationToken);
        });
        if (released) await fanOut.ProposeAsync(referral.OfferId, cancellationToken);
        return referral;
    }

    /// <summary>The deadline sweep's step: expire a referral whose waiting step ran out, then as for a decline.</summary>
    public async Task<bool> ExpireAsync(Guid referralId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var session = store.LightweightSession();
                var referral = await session.LoadAsync<Referral>(referralId, cancellationToken);
                if (referral is null) return false;
                var now = clock.GetUtcNow();
                var decision = await session.DecideAsync<Referral>(referralId, r => ReferralDecider.Expire(r!, now), cancellationToken, referral.Version);
                if (decision.ChangedNothing) return false;
                var released = referral.HoldsPlace && await ReleaseAsync(session, referral, now, cancellationToken);
                await ProposeNextAsync(session, referral, now, cancellationToken);
                await session.SaveChangesAsync(cancellationToken);
                if (released) await fanOut.ProposeAsync(referral.OfferId, cancellationToken);
                return true;
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
            }
        }
    }

    /// <summary>
    /// The need leaves matching (withdrawn, or its case closed) as <paramref name="decide"/> says,
    /// and its referral in progress ends in the caller's commit, freeing a place it held. Returns
    /// the offer whose place was freed, to be proposed to waiting needs after the commit
    /// (<see cref="NewResourceFanOut.ProposeAsync"/>). A need already out changes nothing.
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

    /// <summary>
    /// The offer was withdrawn or expired: every referral still in progress for it ends in the
    /// caller's commit, and each need goes back to matching and is proposed its next candidate.
    /// (The places they held are not released: a withdrawn offer has none to give.)
    /// </summary>
    public async Task CancelForOfferAsync(
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

    /// <summary>Frees the referral's place on its offer; true when one was freed (then waiting needs may be proposed it after the commit).</summary>
    private static async Task<bool> ReleaseAsync(IDocumentSession session, Referral referral, DateTimeOffset now, CancellationToken cancellationToken) =>
        !(await session.DecideAsync<Offer>(referral.OfferId, offer => offer is null ? [] : OfferDecider.Release(offer, referral.Id, now), cancellationToken))
            .ChangedNothing;

    private Task ProposeNextAsync(IDocumentSession session, Referral ended, DateTimeOffset now, CancellationToken cancellationToken) =>
        loop.DecideAsync(session, ended.NeedId, need => need?.ActiveReferralId == ended.Id
            ? [new NeedReferralEnded(ended.NeedId, ended.Id, now)]
            : [], cancellationToken);

    /// <summary>
    /// Loads the referral (404 when it does not exist or the caller may not see it), runs the
    /// step and commits; a conflict on the offer or the need is retried from a fresh read unless
    /// the client named the version it expected.
    /// </summary>
    private async Task<Referral> InOneCommitAsync(
        Guid referralId, CurrentUser user, long? expectedVersion, CancellationToken cancellationToken,
        Func<IDocumentSession, Referral, DateTimeOffset, Task> step)
    {
        var stale = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var session = store.LightweightSession();
                var referral = await session.LoadAsync<Referral>(referralId, cancellationToken);
                if (referral is null || !ReferralVisibility.CanSee(user, referral)) throw new RecordNotFound("Referral", referralId);
                // The client's If-Match is stale: answer 409 at once rather than retrying.
                stale = expectedVersion is { } expected && expected != referral.Version;
                await step(session, referral, clock.GetUtcNow());
                await session.SaveChangesAsync(cancellationToken);
                await using var query = store.QuerySession();
                return await query.LoadAsync<Referral>(referralId, cancellationToken) ?? referral;
            }
            catch (ConcurrencyException) when (!stale && attempt < Attempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
            }
        }
    }

    private static void EnsureProvider(CurrentUser user, Referral referral)
    {
        if (user.IsIn(Roles.Admin)) return;
        if (!user.IsIn(Roles.Provider) || user.ProviderId != referral.ProviderId)
            throw new DomainRuleViolation("referral.provider-only", "Only the provider the referral was sent to can do this.");
    }

    private static void EnsureStationStaff(CurrentUser user, Referral referral)
    {
        if (user.IsIn(Roles.Admin)) return;
        if (!(user.IsIn(Roles.Caseworker) || user.IsIn(Roles.Supervisor)) || user.StationId != referral.StationId)
            throw new DomainRuleViolation("referral.station-staff-only", "Only the need's caseworker or a supervisor of its station can do this.");
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
