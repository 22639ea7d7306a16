using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Matching.Offers;
using FiveSocieties.Matching.Providers;
using FiveSocieties.Matching.Referrals;
using JasperFx.Events;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Matching.Integration.Outgoing;

/// <summary>
/// What the other services hear from Matching (DESIGN §5): providers, offers, fan-out and the
/// referral loop. Never the caseworker's or provider's free-text notes; never a client's data
/// (Matching holds none). Reservations and releases stay inside: the offer's capacity as the
/// provider set it is what is published.
/// </summary>
public sealed class MatchingIntegrationEvents : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> RelayedEventTypes { get; } =
    [
        typeof(ProviderRegistered), typeof(OfferPublished), typeof(OfferWithdrawn), typeof(OfferCapacityChanged), typeof(OfferMatchedToNeeds),
        typeof(ReferralProposed), typeof(ReferralApproved), typeof(ReferralAccepted), typeof(ReferralDeclined), typeof(ReferralExpired),
        typeof(ReferralCancelled), typeof(ReferralCompleted),
    ];

    public object? Map(IEvent @event) => @event.Data switch
    {
        ProviderRegistered e => new V1.ProviderRegistered(@event.Id, e.RegisteredAt, e.ProviderId, e.Name, e.Kind, e.CreditCode, e.Area),
        OfferPublished e => new V1.ResourceOffered(@event.Id, e.PublishedAt, e.OfferId, e.ProviderId, e.ProviderName, e.Category, e.Title,
            e.Capacity, e.Area, e.Eligibility, e.ValidFrom, e.ValidUntil, e.ServicePoint, e.Schedule),
        OfferWithdrawn e => new V1.ResourceWithdrawn(@event.Id, e.WithdrawnAt, e.OfferId, e.ProviderId, e.Cause),
        OfferCapacityChanged e => new V1.ResourceCapacityChanged(@event.Id, e.ChangedAt, e.OfferId, e.ProviderId, e.Capacity, e.Allocated),
        OfferMatchedToNeeds e => new V1.ResourceMatchedToNeeds(@event.Id, e.MatchedAt, e.OfferId, e.ProviderId, e.ProviderName, e.Title,
            e.Category, e.Caseworkers),
        ReferralProposed e => new V1.ReferralProposed(@event.Id, e.ProposedAt, e.ReferralId, e.Parties.NeedId, e.Parties.CaseId,
            e.Parties.StationId, e.Parties.CaseworkerId, e.Parties.OfferId, e.Parties.ProviderId, e.Parties.ProviderName, e.Parties.OfferTitle,
            e.Parties.Category, e.Score, e.Reasons, e.RespondBy),
        ReferralApproved e => new V1.ReferralApproved(@event.Id, e.ApprovedAt, e.ReferralId, e.Parties.NeedId, e.Parties.CaseId,
            e.Parties.StationId, e.Parties.CaseworkerId, e.Parties.OfferId, e.Parties.ProviderId, e.Parties.OfferTitle, e.Parties.Category,
            e.RespondBy),
        ReferralAccepted e => new V1.ReferralAccepted(@event.Id, e.AcceptedAt, e.ReferralId, e.Parties.NeedId, e.Parties.CaseId,
            e.Parties.StationId, e.Parties.CaseworkerId, e.Parties.OfferId, e.Parties.ProviderId, e.Parties.ProviderName, e.Parties.Category,
            e.ServicePoint, e.Schedule),
        ReferralDeclined e => new V1.ReferralDeclined(@event.Id, e.DeclinedAt, e.ReferralId, e.Parties.NeedId, e.Parties.CaseId,
            e.Parties.StationId, e.Parties.CaseworkerId, e.Parties.OfferId, e.Parties.ProviderId, e.DeclinedBy, e.Reason),
        ReferralExpired e => new V1.ReferralExpired(@event.Id, e.ExpiredAt, e.ReferralId, e.Parties.NeedId, e.Parties.CaseId,
            e.Parties.StationId, e.Parties.CaseworkerId, e.Parties.OfferId, e.Parties.ProviderId, e.At),
        ReferralCancelled e => new V1.ReferralCancelled(@event.Id, e.CancelledAt, e.ReferralId, e.Parties.NeedId, e.Parties.CaseId,
            e.Parties.StationId, e.Parties.CaseworkerId, e.Parties.OfferId, e.Parties.ProviderId, e.At, e.Cause),
        ReferralCompleted e => new V1.ReferralCompleted(@event.Id, e.CompletedAt, e.ReferralId, e.Parties.NeedId, e.Parties.CaseId,
            e.Parties.StationId, e.Parties.CaseworkerId, e.Parties.OfferId, e.Parties.ProviderId, e.Outcome),
        _ => null,
    };
}
