using System.Text.Json.Serialization;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Cases;

public enum CaseStatus { Open, Active, Closed }

public enum NeedStatus { Open, Matched, Fulfilled, Withdrawn }

/// <summary>A need of the case, as far as the case file tracks it.</summary>
public sealed record CaseNeed(
    Guid Id, NeedCategory Category, Urgency Urgency, Recurrence Recurrence, int Quantity, DateOnly StartDate,
    string? Note, NeedStatus Status, DateTimeOffset RaisedAt)
{
    public bool IsLive => Status is NeedStatus.Open or NeedStatus.Matched;

    /// <summary>The referral that matched (or fulfilled) the need.</summary>
    public Guid? ReferralId { get; init; }

    /// <summary>When the sweep found this urgent need still waiting for an offer and raised the alarm; at most once per need.</summary>
    public DateTimeOffset? LeftUnmatchedAt { get; init; }

    /// <summary>An urgent need still waiting for an offer, whose wait has not raised the alarm yet.</summary>
    public bool AwaitsUnmatchedAlarm() => Urgency == Urgency.Urgent && Status == NeedStatus.Open && LeftUnmatchedAt is null;
}

/// <summary>A meal the household said no to by SMS the evening before (reported by Volunteers).</summary>
public sealed record SkippedDelivery(Guid DeliveryId, DateOnly Date, DateTimeOffset SkippedAt);

/// <summary>A meal that did not reach the client (reported by Volunteers).</summary>
public sealed record MissedDelivery(Guid DeliveryId, DateOnly Date, MissReason Reason, DateTimeOffset MissedAt);

/// <summary>
/// A case as its events made it: what the decider needs to decide, and (kept inline by Marten)
/// what GET /cases/{id} shows. Built only by the Apply methods, never mutated elsewhere.
/// </summary>
[AggregatedColumns(nameof(ClientGroup), nameof(CategoryNames), nameof(RiskLevel), nameof(AbilityLevel), nameof(LiveNeedCategories),
    nameof(OpenedAt), nameof(ClosedAt), nameof(MissedDeliveryTimes), nameof(SafetyCheckRequired), nameof(MealSkipsNoticedAt),
    $"{nameof(Location)}.{nameof(CaseLocation.District)}", $"{nameof(Location)}.{nameof(CaseLocation.Township)}",
    $"{nameof(Location)}.{nameof(CaseLocation.Grid)}", nameof(ApproximateLatitude), nameof(ApproximateLongitude))]
public sealed record Case(
    Guid Id,
    Guid StationId,
    Guid CaseworkerId,
    ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> Categories,
    CaseLocation Location,
    CaseStatus Status,
    DateTimeOffset OpenedAt,
    IReadOnlyList<CaseNeed> Needs,
    DateTimeOffset? ClosedAt,
    long Version)
{
    /// <summary>Every assessment, oldest first; the latest sets <see cref="AbilityLevel"/> and <see cref="RiskLevel"/>.</summary>
    public IReadOnlyList<CaseAssessment> Assessments { get; init; } = [];
    public int? AbilityLevel { get; init; }
    public RiskLevel? RiskLevel { get; init; }

    /// <summary>A proposal waiting for a supervisor, or sent back to draft; null once adopted.</summary>
    public ServicePlan? ProposedPlan { get; init; }
    /// <summary>The plan in force until another is adopted.</summary>
    public ServicePlan? AdoptedPlan { get; init; }

    public IReadOnlyList<CaseVisit> Visits { get; init; } = [];
    public DateTimeOffset? LastVisitAt { get; init; }

    /// <summary>How many activity days (小组/社区活动) the client attended; the timeline lists them.</summary>
    public int ActivitiesAttended { get; init; }

    /// <summary>The registered household member this case is for; null for a case opened before households were registered.</summary>
    public CaseClient? Client { get; init; }

    /// <summary>Every consent ever given, oldest first.</summary>
    public IReadOnlyList<CaseConsent> Consents { get; init; } = [];

    /// <summary>When the next valid consent runs out: the expiry sweep looks cases up by it (an indexed column).</summary>
    public DateTimeOffset? NextConsentExpiry { get; init; }

    private Case WithConsents(IReadOnlyList<CaseConsent> consents) => this with
    {
        Consents = consents,
        NextConsentExpiry = consents.Where(c => c.Status == ConsentStatus.Valid).Select(c => (DateTimeOffset?)c.ValidUntil).Min(),
    };

    private IReadOnlyList<CaseConsent> ChangeConsent(Guid consentId, Func<CaseConsent, CaseConsent> change) =>
        Consents.Select(c => c.Id == consentId ? change(c) : c).ToList();

    public Case Apply(ConsentGiven given) => WithConsents(
        [.. Consents, new CaseConsent(given.ConsentId, given.GivenBy, given.Purpose, given.Organisations,
            given.GivenAt, given.ValidUntil, ConsentStatus.Valid, given.SealedDietaryNotes)]);

    public Case Apply(ConsentWithdrawn withdrawn) =>
        WithConsents(ChangeConsent(withdrawn.ConsentId, c => c with { Status = ConsentStatus.Withdrawn }));

    public Case Apply(ConsentExpired expired) =>
        WithConsents(ChangeConsent(expired.ConsentId, c => c with { Status = ConsentStatus.Expired }));

    /// <summary>A new share replaces the one before it: Volunteers holds one set of details per case.</summary>
    public Case Apply(DeliveryDetailsShared shared) =>
        WithConsents(Consents.Select(c => c with { Shared = c.Id == shared.ConsentId }).ToList());

    public Case Apply(DeliveryDetailsRevoked revoked) =>
        WithConsents(ChangeConsent(revoked.ConsentId, c => c with { Shared = false }));

    // Messages to Volunteers about an SmsContact consent: the consent itself is already in Consents.
    public Case Apply(SmsContactAllowed allowed) => this;
    public Case Apply(SmsContactEnded ended) => this;

    /// <summary>From the events alone (no clock): stored as a column so the overdue sweep finds cases by index.</summary>
    public DateTimeOffset? NextVisitDueAt => VisitSchedule.NextVisitDue(this);

    /// <summary>
    /// When the oldest urgent need still waiting for an offer, and not yet alarmed about, was
    /// raised: stored as a column so the unmatched-need sweep finds cases by index, whatever wait
    /// the service is configured with.
    /// </summary>
    public DateTimeOffset? UrgentNeedWaitingSince =>
        Needs.Where(n => n.AwaitsUnmatchedAlarm()).Select(n => (DateTimeOffset?)n.RaisedAt).Min();

    // The station views (caseload, dashboard, situation map) aggregate in SQL over these, copied into
    // columns of the case table ([AggregatedColumns] above): reading 5,000 whole case files to count
    // them cost a third of a second. They follow from the events alone (no clock), and are left out of
    // the JSON because the document already holds what they are computed from.

    /// <summary>The categories of the live (Open or Matched) needs, one per need, in the order raised.</summary>
    [JsonIgnore]
    public string[] LiveNeedCategories => Needs.Where(n => n.IsLive).Select(n => n.Category.ToString()).ToArray();

    /// <summary>The client's categories by name, as the case lists them.</summary>
    [JsonIgnore]
    public string[] CategoryNames => Categories.Select(c => c.ToString()).ToArray();

    /// <summary>When each missed delivery was reported, in UTC (a timestamptz array takes no other offset).</summary>
    [JsonIgnore]
    public DateTimeOffset[] MissedDeliveryTimes => MissedDeliveries.Select(m => m.MissedAt.ToUniversalTime()).ToArray();

    [JsonIgnore]
    public double? ApproximateLatitude => ApproximatePosition?.Latitude;

    [JsonIgnore]
    public double? ApproximateLongitude => ApproximatePosition?.Longitude;

    /// <summary>Missed deliveries, oldest first; the dashboard and the situation map count the recent ones.</summary>
    public IReadOnlyList<MissedDelivery> MissedDeliveries { get; init; } = [];
    public DateTimeOffset? LastMissedDeliveryAt { get; init; }

    /// <summary>A meal to a client who lives alone was missed and no caseworker has visited since.</summary>
    public bool SafetyCheckRequired { get; init; }

    /// <summary>Every referral Matching reported for the case, at its latest stage: who serves the client, and whether still.</summary>
    public IReadOnlyList<CaseReferral> Referrals { get; init; } = [];

    /// <summary>
    /// Kept on the timeline, and as the referral's stage; the needs move on only by their own events.
    /// A referral only moves forward: a late copy of an earlier step does not bring an ended one back.
    /// </summary>
    public Case Apply(ReferralReported reported) => this with
    {
        Referrals = Referrals.FirstOrDefault(r => r.Id == reported.ReferralId) is { } known
            ? known.Ended || Step(reported.Stage) <= Step(known.Stage)
                ? Referrals
                : Referrals.Select(r => r.Id == reported.ReferralId ? r with { Stage = reported.Stage } : r).ToList()
            : [.. Referrals, new CaseReferral(reported.ReferralId, reported.NeedId, reported.ProviderId, reported.Stage)],
    };

    private static int Step(ReferralStage stage) => stage switch
    {
        ReferralStage.Proposed => 0,
        ReferralStage.Approved => 1,
        ReferralStage.Accepted => 2,
        _ => 3,
    };

    private IReadOnlyList<CaseNeed> ChangeNeed(Guid needId, Func<CaseNeed, CaseNeed> change) =>
        Needs.Select(n => n.Id == needId ? change(n) : n).ToList();

    public Case Apply(NeedMatched matched) => this with
    {
        Needs = ChangeNeed(matched.NeedId, n => n with { Status = NeedStatus.Matched, ReferralId = matched.ReferralId }),
    };

    public Case Apply(NeedReopened reopened) => this with
    {
        Needs = ChangeNeed(reopened.NeedId, n => n with { Status = NeedStatus.Open, ReferralId = null }),
    };

    public Case Apply(UrgentNeedLeftUnmatched left) => this with
    {
        Needs = ChangeNeed(left.NeedId, n => n with { LeftUnmatchedAt = left.NoticedAt }),
    };

    public Case Apply(NeedFulfilled fulfilled) => this with
    {
        Needs = ChangeNeed(fulfilled.NeedId, n => n with { Status = NeedStatus.Fulfilled, ReferralId = fulfilled.ReferralId }),
    };

    public Case Apply(DeliveryCompletedReported completed)
    {
        var next = this with { LastVisitAt = LastVisitAt is { } last && last > completed.CompletedAt ? last : completed.CompletedAt };
        if (completed.Date <= LastMealTakenOn) return next;
        // A meal taken ends the run of skips before it, and the signal with it.
        var run = MealSkipRun.After(MealsSkippedInARow, completed.Date);
        return next with
        {
            LastMealTakenOn = completed.Date,
            MealsSkippedInARow = run,
            MealSkipsNoticedAt = run.Count >= MealSkipRun.Signal ? MealSkipsNoticedAt : null,
        };
    }

    /// <summary>Every meal the household said no to by SMS, oldest report first.</summary>
    public IReadOnlyList<SkippedDelivery> MealSkips { get; init; } = [];

    /// <summary>The dates of the skipped meals since the last meal taken (or since the caseworker last answered the signal), oldest first.</summary>
    public IReadOnlyList<DateOnly> MealsSkippedInARow { get; init; } = [];

    /// <summary>The date of the latest meal that reached the client.</summary>
    public DateOnly? LastMealTakenOn { get; init; }

    /// <summary>When the run of skips became a signal for the caseworker; null when there is none to answer.</summary>
    public DateTimeOffset? MealSkipsNoticedAt { get; init; }

    public Case Apply(DeliverySkippedReported skipped) => this with
    {
        MealSkips = [.. MealSkips, new SkippedDelivery(skipped.DeliveryId, skipped.Date, skipped.SkippedAt)],
        MealsSkippedInARow = MealSkipRun.With(MealsSkippedInARow, LastMealTakenOn, skipped.Date),
    };

    public Case Apply(MealSkipsNoticed noticed) => this with { MealSkipsNoticedAt = noticed.NoticedAt };

    public Case Apply(DeliveryMissedReported missed) => this with
    {
        MissedDeliveries = [.. MissedDeliveries, new MissedDelivery(missed.DeliveryId, missed.Date, missed.Reason, missed.MissedAt)],
        LastMissedDeliveryAt = LastMissedDeliveryAt is { } last && last > missed.MissedAt ? last : missed.MissedAt,
        SafetyCheckRequired = SafetyCheckRequired || missed.SafetyCheckRequired,
    };

    public static Case Create(CaseOpened opened) => new(
        opened.CaseId, opened.StationId, opened.CaseworkerId, opened.ClientGroup,
        opened.Categories, opened.Location, CaseStatus.Open, opened.OpenedAt, [], null, 1)
    {
        Client = opened.Client,
        ApproximatePosition = opened.ApproximatePosition,
    };

    /// <summary>The home's position rounded to 0.01° (about 1 km), from the household; never the address.</summary>
    public GeoPoint? ApproximatePosition { get; init; }

    public Case Apply(CaseworkerReassigned reassigned) =>
        this with { CaseworkerId = reassigned.CaseworkerId };

    public Case Apply(NeedRaised raised) => this with
    {
        Needs = [.. Needs, new CaseNeed(raised.NeedId, raised.Category, raised.Urgency, raised.Recurrence,
            raised.Quantity, raised.StartDate, raised.Note, NeedStatus.Open, raised.RaisedAt)],
    };

    public Case Apply(NeedWithdrawn withdrawn) => this with
    {
        Needs = Needs.Select(n => n.Id == withdrawn.NeedId ? n with { Status = NeedStatus.Withdrawn } : n).ToList(),
    };

    /// <summary>When the client's personal data was erased (crypto-shredded); the case's other history stays.</summary>
    public DateTimeOffset? PersonalDataErasedAt { get; init; }

    public Case Apply(Erasing.ClientDataErased erased) =>
        this with { PersonalDataErasedAt = erased.ErasedAt };

    public Case Apply(CaseClosed closed) =>
        this with { Status = CaseStatus.Closed, ClosedAt = closed.ClosedAt };

    public Case Apply(CaseReopened reopened) =>
        this with { Status = CaseStatus.Open, ClosedAt = null };

    public Case Apply(AssessmentRecorded a)
    {
        return this with
        {
            Assessments = [.. Assessments, new CaseAssessment(a.AssessmentId, a.LivingSituation, a.HealthConditions, a.Medications,
                a.AdlScore, a.MentalState, a.SocialParticipation, a.DifficultyType, a.AbilityLevel, a.RiskLevel, a.AssessedBy, a.AssessedAt)],
            AbilityLevel = a.AbilityLevel,
            RiskLevel = a.RiskLevel,
        };
    }

    public Case Apply(ServicePlanProposed p)
    {
        return this with
        {
            ProposedPlan = new ServicePlan(p.PlanId, p.Goals, p.Interventions, p.VisitFrequency, p.ReviewDate,
                ServicePlanStatus.Proposed, p.ProposedBy, p.ProposedAt),
        };
    }

    public Case Apply(ServicePlanAdopted adopted) => this with
    {
        AdoptedPlan = ProposedPlan! with
        {
            Status = ServicePlanStatus.Adopted, ApprovedBy = adopted.ApprovedBy, AdoptedAt = adopted.AdoptedAt,
        },
        ProposedPlan = null,
        Status = CaseStatus.Active,
    };

    public Case Apply(ServicePlanSentBack sentBack) => this with
    {
        ProposedPlan = ProposedPlan! with { Status = ServicePlanStatus.Draft, SentBackReason = sentBack.Reason },
    };

    public Case Apply(VisitRecorded v)
    {
        return this with
        {
            Visits = [.. Visits, new CaseVisit(v.VisitId, v.VisitedAt, v.Observations, v.ConcernsRaised, v.VisitedBy, v.VisitorRole)],
            // A visit recorded late (after a later one) does not move the last visit back.
            LastVisitAt = LastVisitAt is { } last && last > v.VisitedAt ? last : v.VisitedAt,
            // Only a caseworker's own visit answers a missed delivery's safety check.
            SafetyCheckRequired = SafetyCheckRequired
                && !(v.VisitorRole == VisitorRole.Caseworker && v.VisitedAt >= (LastMissedDeliveryAt ?? DateTimeOffset.MinValue)),
        } is var visited && v.VisitorRole == VisitorRole.Caseworker && MealSkipsNoticedAt is { } noticed && v.VisitedAt >= noticed
            // The caseworker's visit answers the signal: the skips are counted afresh from here.
            ? visited with { MealSkipsNoticedAt = null, MealsSkippedInARow = [] }
            : visited;
    }

    public Case Apply(ActivityAttended attended) =>
        this with { ActivitiesAttended = ActivitiesAttended + 1 };
}
