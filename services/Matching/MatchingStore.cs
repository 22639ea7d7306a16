using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Offers;
using FiveSocieties.Matching.Providers;
using FiveSocieties.Matching.Referrals;
using JasperFx.Events.Projections;
using Marten;

namespace FiveSocieties.Matching;

/// <summary>
/// The Matching event store: its streams' snapshots, in one place for the service and for the
/// operator's tools that open the same store (`fivesoc rebuild matching`). The in-memory matching
/// index loads from these documents at start and follows the store after (<c>IndexFollower</c>, which the service adds).
/// </summary>
public static class MatchingStore
{
    public static StoreOptions AddMatchingStore(this StoreOptions store)
    {
        store.Projections.Snapshot<KnownCase>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<MirroredNeed>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Provider>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Offer>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Referral>(SnapshotLifecycle.Inline);
        store.Schema.For<MirroredNeed>().Index(n => n.CaseId);
        return store;
    }
}
