// A referral (转介): one need linked to one offer, through the closed loop
// Proposed → Approved (caseworker) → Accepted (provider) → InService → Completed (outcome), or
// Declined / Expired at any waiting step, or Cancelled at any step before completion when its
// need or its offer goes away. Each event carries the parties so the relay can map it
// without a look-up.
using System.Security.Cryptography;
using System.Text;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Matching.Referrals;

public enum ReferralStatus { AwaitingApproval, AwaitingAcceptance, Accepted, InService, Completed, Declined, Expired, Cancelled }

/// <summary>Who and what a referral links; the same on every event of its stream.</summary>
public sealed record ReferralParties(
    Guid NeedId, Guid CaseId, Guid StationId, Guid CaseworkerId, Guid OfferId, Guid ProviderId, string ProviderName,
    string OfferTitle, NeedCategory Category, Recurrence Recurrence);

public sealed record ReferralProposed(
    Guid ReferralId, ReferralParties Parties, double Score, IReadOnlyList<string> Reasons, GeoPoint? ServicePoint,
    WeeklySchedule? Schedule, DateTimeOffset ProposedAt, DateTimeOffset RespondBy);

public sealed record ReferralApproved(Guid ReferralId, ReferralParties Parties, Guid ApprovedBy, DateTimeOffset ApprovedAt, DateTimeOffset RespondBy);

public sealed record ReferralAccepted(
    Guid ReferralId, ReferralParties Parties, GeoPoint? ServicePoint, WeeklySchedule? Schedule, Guid AcceptedBy,
    DateTimeOffset AcceptedAt, DateTimeOffset StartBy);

public sealed record ReferralStarted(Guid ReferralId, ReferralParties Parties, Guid StartedBy, DateTimeOffset StartedAt);

public sealed record ReferralCompleted(
    Guid ReferralId, ReferralParties Parties, ReferralOutcome Outcome, string? Note, Guid CompletedBy, DateTimeOffset CompletedAt);

public sealed record ReferralDeclined(
    Guid ReferralId, ReferralParties Parties, ReferralDeclinedBy DeclinedBy, ReferralDeclineReason Reason, string? Note,
    ReferralStep At, Guid DeclinedByUser, DateTimeOffset DeclinedAt);

public sealed record ReferralExpired(Guid ReferralId, ReferralParties Parties, ReferralStep At, DateTimeOffset ExpiredAt);

public sealed record ReferralCancelled(Guid ReferralId, ReferralParties Parties, ReferralStep At, ReferralCancelCause Cause, DateTimeOffset CancelledAt);

public sealed record Referral(
    Guid Id, ReferralParties Parties, double Score, IReadOnlyList<string> Reasons, GeoPoint? ServicePoint,
    WeeklySchedule? Schedule, ReferralStatus Status, DateTimeOffset ProposedAt, DateTimeOffset? DueAt,
    ReferralOutcome? Outcome, ReferralDeclinedBy? DeclinedBy, ReferralDeclineReason? DeclineReason, string? Note,
    DateTimeOffset UpdatedAt, long Version, ReferralCancelCause? CancelCause = null)
{
    // Flattened for queries (GET /referrals filters and the deadline sweep).
    public Guid NeedId => Parties.NeedId;
    public Guid StationId => Parties.StationId;
    public Guid CaseworkerId => Parties.CaseworkerId;
    public Guid ProviderId => Parties.ProviderId;
    public Guid OfferId => Parties.OfferId;

    /// <summary>Accepted or in service: the referral holds one place of the offer.</summary>
    public bool HoldsPlace => Status is ReferralStatus.Accepted or ReferralStatus.InService;

    public bool IsOver => Status is ReferralStatus.Completed or ReferralStatus.Declined or ReferralStatus.Expired or ReferralStatus.Cancelled;

    // Marten sets Version from the stream after each event: the folds below need not copy it.
    public static Referral Create(ReferralProposed e) => new(
        e.ReferralId, e.Parties, e.Score, e.Reasons, e.ServicePoint, e.Schedule, ReferralStatus.AwaitingApproval, e.ProposedAt, e.RespondBy,
        null, null, null, null, e.ProposedAt, 1);

    public Referral Apply(ReferralApproved e) => this with
    {
        Status = ReferralStatus.AwaitingAcceptance, DueAt = e.RespondBy, UpdatedAt = e.ApprovedAt,
    };

    public Referral Apply(ReferralAccepted e) => this with
    {
        Status = ReferralStatus.Accepted, DueAt = e.StartBy, UpdatedAt = e.AcceptedAt,
    };

    public Referral Apply(ReferralStarted e) => this with
    {
        Status = ReferralStatus.InService, DueAt = null, UpdatedAt = e.StartedAt,
    };

    public Referral Apply(ReferralCompleted e) => this with
    {
        Status = ReferralStatus.Completed, DueAt = null, Outcome = e.Outcome, Note = e.Note, UpdatedAt = e.CompletedAt,
    };

    public Referral Apply(ReferralDeclined e) => this with
    {
        Status = ReferralStatus.Declined, DueAt = null, DeclinedBy = e.DeclinedBy, DeclineReason = e.Reason,
        Note = e.Note, UpdatedAt = e.DeclinedAt,
    };

    public Referral Apply(ReferralExpired e) => this with
    {
        Status = ReferralStatus.Expired, DueAt = null, UpdatedAt = e.ExpiredAt,
    };

    public Referral Apply(ReferralCancelled e) => this with
    {
        Status = ReferralStatus.Cancelled, DueAt = null, CancelCause = e.Cause, UpdatedAt = e.CancelledAt,
    };

    public ReferralStep? Step => Status switch
    {
        ReferralStatus.AwaitingApproval => ReferralStep.AwaitingApproval,
        ReferralStatus.AwaitingAcceptance => ReferralStep.AwaitingAcceptance,
        ReferralStatus.Accepted => ReferralStep.Accepted,
        ReferralStatus.InService => ReferralStep.InService,
        _ => null,
    };
}

/// <summary>How long each waiting step may last before the referral expires and the next candidate is tried.</summary>
public sealed class ReferralDeadlines
{
    public TimeSpan Approval { get; set; } = TimeSpan.FromDays(2);
    public TimeSpan Acceptance { get; set; } = TimeSpan.FromDays(2);
    public TimeSpan Start { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public static class ReferralIds
{
    /// <summary>
    /// One referral per (need, offer), ever: the id is derived from both, so a redelivered
    /// NeedRaised or a repeated fan-out collides instead of proposing twice.
    /// </summary>
    public static Guid For(Guid needId, Guid offerId)
    {
        Span<byte> input = stackalloc byte[32];
        needId.TryWriteBytes(input[..16]);
        offerId.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (custom)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash[..16]);
    }
}

public static class ReferralDecider
{
    public static ReferralProposed Propose(
        Guid referralId, ReferralParties parties, double score, IReadOnlyList<string> reasons, GeoPoint? servicePoint,
        WeeklySchedule? schedule, DateTimeOffset now, ReferralDeadlines deadlines) =>
        new(referralId, parties, score, reasons, servicePoint, schedule, now, now + deadlines.Approval);

    public static IReadOnlyList<object> Approve(Referral state, Guid by, DateTimeOffset now, ReferralDeadlines deadlines)
    {
        if (state.Status == ReferralStatus.AwaitingAcceptance) return [];
        Expect(state, ReferralStatus.AwaitingApproval, "approved");
        return [new ReferralApproved(state.Id, state.Parties, by, now, now + deadlines.Acceptance)];
    }

    /// <summary>The provider accepts; the caller reserves the place on the offer in the same commit.</summary>
    public static IReadOnlyList<object> Accept(Referral state, Guid by, DateTimeOffset now, ReferralDeadlines deadlines)
    {
        if (state.Status == ReferralStatus.Accepted) return [];
        Expect(state, ReferralStatus.AwaitingAcceptance, "accepted");
        return [new ReferralAccepted(state.Id, state.Parties, state.ServicePoint, state.Schedule, by, now, now + deadlines.Start)];
    }

    public static IReadOnlyList<object> Start(Referral state, Guid by, DateTimeOffset now)
    {
        if (state.Status == ReferralStatus.InService) return [];
        Expect(state, ReferralStatus.Accepted, "started");
        return [new ReferralStarted(state.Id, state.Parties, by, now)];
    }

    public static IReadOnlyList<object> Complete(Referral state, ReferralOutcome outcome, string? note, Guid by, DateTimeOffset now)
    {
        if (state.Status == ReferralStatus.Completed && state.Outcome == outcome) return [];
        Expect(state, ReferralStatus.InService, "completed");
        return [new ReferralCompleted(state.Id, state.Parties, outcome, note, by, now)];
    }

    /// <summary>
    /// The caseworker may decline a proposal before approving it; the provider may decline once
    /// approved, and even after accepting (before service starts), which frees the place.
    /// </summary>
    public static IReadOnlyList<object> Decline(
        Referral state, ReferralDeclinedBy by, ReferralDeclineReason reason, string? note, Guid user, DateTimeOffset now)
    {
        if (state.Status == ReferralStatus.Declined) return [];
        var allowed = by == ReferralDeclinedBy.Caseworker
            ? state.Status == ReferralStatus.AwaitingApproval
            : state.Status is ReferralStatus.AwaitingAcceptance or ReferralStatus.Accepted;
        if (!allowed)
            throw new DomainRuleViolation("referral.cannot-decline",
                $"A {by.ToString().ToLowerInvariant()} cannot decline a referral that is {Describe(state.Status)}.");
        return [new ReferralDeclined(state.Id, state.Parties, by, reason, note, state.Step!.Value, user, now)];
    }

    /// <summary>A waiting step whose deadline has passed expires; anything else is left alone.</summary>
    public static IReadOnlyList<object> Expire(Referral state, DateTimeOffset now) =>
        state.DueAt is { } due && due <= now && state.Status is ReferralStatus.AwaitingApproval or ReferralStatus.AwaitingAcceptance or ReferralStatus.Accepted
            ? [new ReferralExpired(state.Id, state.Parties, state.Step!.Value, now)]
            : [];

    /// <summary>
    /// The need or the offer went away: a referral still in progress (at any step before
    /// completion) ends; one already over is left as it ended. The caller frees a place it held.
    /// </summary>
    public static IReadOnlyList<object> Cancel(Referral state, ReferralCancelCause cause, DateTimeOffset now) =>
        state.IsOver ? [] : [new ReferralCancelled(state.Id, state.Parties, state.Step!.Value, cause, now)];

    private static void Expect(Referral state, ReferralStatus expected, string verb)
    {
        if (state.Status != expected)
            throw new DomainRuleViolation($"referral.not-{Kebab(expected)}",
                $"Only a referral that is {Describe(expected)} can be {verb}; this one is {Describe(state.Status)}.");
    }

    private static Phrase Describe(ReferralStatus status) => status switch
    {
        ReferralStatus.AwaitingApproval => "awaiting the caseworker's approval",
        ReferralStatus.AwaitingAcceptance => "awaiting the provider's acceptance",
        ReferralStatus.Accepted => "accepted",
        ReferralStatus.InService => "in service",
        ReferralStatus.Completed => "completed",
        ReferralStatus.Declined => "declined",
        ReferralStatus.Cancelled => "cancelled",
        _ => "expired",
    };

    private static string Kebab(ReferralStatus status) => string.Concat(status.ToString()
        .Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
