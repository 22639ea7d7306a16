// A resource offer: what a provider offers, for whom, where, how many at once, and when. Its
// stream is also where capacity is reserved, so two accepts can never take the same last place:
// each reservation appends at the version it read, and the second writer loses.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Matching.Offers;

public enum OfferStatus { Active, Withdrawn, Expired }

public sealed record PublishOffer(
    Guid OfferId, Guid ProviderId, string ProviderName, NeedCategory Category, string Title, string? Description, int Capacity,
    ServiceArea Area, Eligibility Eligibility, DateOnly ValidFrom, DateOnly? ValidUntil, GeoPoint? ServicePoint,
    WeeklySchedule? Schedule, Guid PublishedBy, DateTimeOffset At);

public sealed record OfferPublished(
    Guid OfferId, Guid ProviderId, string ProviderName, NeedCategory Category, string Title, string? Description, int Capacity,
    ServiceArea Area, Eligibility Eligibility, DateOnly ValidFrom, DateOnly? ValidUntil, GeoPoint? ServicePoint,
    WeeklySchedule? Schedule, Guid PublishedBy, DateTimeOffset PublishedAt);

public sealed record OfferCapacityChanged(Guid OfferId, Guid ProviderId, int Capacity, int Allocated, Guid ChangedBy, DateTimeOffset ChangedAt);

public sealed record OfferWithdrawn(Guid OfferId, Guid ProviderId, OfferEndCause Cause, DateTimeOffset WithdrawnAt);

public sealed record OfferUnitReserved(Guid OfferId, Guid ProviderId, Guid ReferralId, int Allocated, DateTimeOffset At);

public sealed record OfferUnitReleased(Guid OfferId, Guid ProviderId, Guid ReferralId, int Allocated, DateTimeOffset At);

/// <summary>Flow C: the open needs a new resource (or new capacity) fits, grouped per caseworker.</summary>
public sealed record OfferMatchedToNeeds(
    Guid OfferId, Guid ProviderId, string ProviderName, string Title, NeedCategory Category,
    IReadOnlyList<MatchedCaseworker> Caseworkers, DateTimeOffset MatchedAt);

public sealed record Offer(
    Guid Id, Guid ProviderId, string ProviderName, NeedCategory Category, string Title, string? Description, int Capacity,
    int Allocated, IReadOnlyList<Guid> Reservations, ServiceArea Area, Eligibility Eligibility, DateOnly ValidFrom,
    DateOnly? ValidUntil, GeoPoint? ServicePoint, WeeklySchedule? Schedule, OfferStatus Status, DateTimeOffset PublishedAt,
    long Version)
{
    public int FreeCapacity => Math.Max(0, Capacity - Allocated);

    // Marten sets Version from the stream after each event: the folds below need not copy it.
    public static Offer Create(OfferPublished e) => new(
        e.OfferId, e.ProviderId, e.ProviderName, e.Category, e.Title, e.Description, e.Capacity, 0, [], e.Area, e.Eligibility,
        e.ValidFrom, e.ValidUntil, e.ServicePoint, e.Schedule, OfferStatus.Active, e.PublishedAt, 1);

    public Offer Apply(OfferCapacityChanged e) => this with { Capacity = e.Capacity };

    public Offer Apply(OfferWithdrawn e) => this with
    {
        Status = e.Cause == OfferEndCause.Expired ? OfferStatus.Expired : OfferStatus.Withdrawn,
    };

    public Offer Apply(OfferUnitReserved e) => this with { Allocated = e.Allocated, Reservations = [.. Reservations, e.ReferralId] };

    public Offer Apply(OfferUnitReleased e) => this with
    {
        Allocated = e.Allocated, Reservations = Reservations.Where(r => r != e.ReferralId).ToList(),
    };

    public Offer Apply(OfferMatchedToNeeds e) => this;
}

public static class OfferDecider
{
    public static IReadOnlyList<object> Decide(Offer? state, PublishOffer command)
    {
        if (state is not null)
        {
            var same = state.ProviderId == command.ProviderId && state.Category == command.Category && state.Title == command.Title
                && state.ValidFrom == command.ValidFrom && state.ValidUntil == command.ValidUntil;
            return same ? [] : throw new DomainRuleViolation("offer.id-taken", $"Offer {command.OfferId} already exists with other details.");
        }
        if (command.ValidUntil is { } until && until < command.ValidFrom)
            throw new DomainRuleViolation("offer.validity-inverted", "An offer cannot end before it starts.");
        if (command.Eligibility is { MinAge: { } min, MaxAge: { } max } && max < min)
            throw new DomainRuleViolation("offer.age-range-inverted", "The maximum age is below the minimum age.");
        return [new OfferPublished(command.OfferId, command.ProviderId, command.ProviderName, command.Category, command.Title,
            command.Description, command.Capacity, command.Area, command.Eligibility, command.ValidFrom, command.ValidUntil,
            command.ServicePoint, command.Schedule, command.PublishedBy, command.At)];
    }

    public static IReadOnlyList<object> ChangeCapacity(Offer state, int capacity, Guid changedBy, DateTimeOffset at)
    {
        EnsureActive(state);
        if (capacity == state.Capacity) return [];
        if (capacity < state.Allocated)
            throw new DomainRuleViolation("offer.capacity-below-allocated",
                $"{state.Allocated} places are already taken; the capacity cannot go below that.");
        return [new OfferCapacityChanged(state.Id, state.ProviderId, capacity, state.Allocated, changedBy, at)];
    }

    public static IReadOnlyList<object> Withdraw(Offer state, DateTimeOffset at) =>
        state.Status == OfferStatus.Active ? [new OfferWithdrawn(state.Id, state.ProviderId, OfferEndCause.WithdrawnByProvider, at)] : [];

    /// <summary>At the end of its validity window an offer leaves matching.</summary>
    public static IReadOnlyList<object> Expire(Offer state, DateOnly today, DateTimeOffset at) =>
        state.Status == OfferStatus.Active && state.ValidUntil is { } until && until < today
            ? [new OfferWithdrawn(state.Id, state.ProviderId, OfferEndCause.Expired, at)]
            : [];

    /// <summary>One place for an accepted referral; a repeat for the same referral takes nothing more.</summary>
    public static IReadOnlyList<object> Reserve(Offer state, Guid referralId, DateTimeOffset at)
    {
        if (state.Reservations.Contains(referralId)) return [];
        EnsureActive(state);
        if (state.Allocated >= state.Capacity)
            throw new DomainRuleViolation("offer.no-free-capacity", $"All {state.Capacity} places of \"{state.Title}\" are taken.");
        return [new OfferUnitReserved(state.Id, state.ProviderId, referralId, state.Allocated + 1, at)];
    }

    public static IReadOnlyList<object> Release(Offer state, Guid referralId, DateTimeOffset at) =>
        state.Reservations.Contains(referralId)
            ? [new OfferUnitReleased(state.Id, state.ProviderId, referralId, state.Allocated - 1, at)]
            : [];

    private static void EnsureActive(Offer state)
    {
        if (state.Status != OfferStatus.Active)
            throw new DomainRuleViolation("offer.not-active", $"The offer is {state.Status.ToString().ToLowerInvariant()}.");
    }
}
