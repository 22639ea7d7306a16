using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Matching.Referrals;

public sealed record DeclineReferralRequest([property: Required] ReferralDeclineReason? Reason, string? Note);

public sealed record CompleteReferralRequest([property: Required] ReferralOutcome? Outcome, string? Note);

public sealed record ReferralView(
    Guid Id, ReferralStatus Status, Guid NeedId, Guid CaseId, Guid StationId, Guid CaseworkerId, Guid OfferId, Guid ProviderId,
    string ProviderName, string OfferTitle, NeedCategory Category, double Score, IReadOnlyList<string> Reasons,
    DateTimeOffset ProposedAt, DateTimeOffset? DueAt, ReferralOutcome? Outcome, ReferralDeclinedBy? DeclinedBy,
    ReferralDeclineReason? DeclineReason, long Version, ReferralCancelCause? CancelCause = null)
{
    public static ReferralView Of(Referral r) => new(r.Id, r.Status, r.Parties.NeedId, r.Parties.CaseId, r.Parties.StationId,
        r.Parties.CaseworkerId, r.Parties.OfferId, r.Parties.ProviderId, r.Parties.ProviderName, r.Parties.OfferTitle, r.Parties.Category,
        r.Score, r.Reasons, r.ProposedAt, r.DueAt, r.Outcome, r.DeclinedBy, r.DeclineReason, r.Version, r.CancelCause);
}

/// <summary>The referral loop over HTTP: list (scoped to the caller), approve, accept, decline, start, complete.</summary>
public static class ReferralEndpoints
{
    private static readonly string[] StationStaff = [Roles.Caseworker, Roles.Supervisor, Roles.Admin];
    private static readonly string[] Everyone = [Roles.Caseworker, Roles.Supervisor, Roles.Provider, Roles.Admin];
    private const int MaxIds = 100;

    public static void MapReferrals(this IEndpointRouteBuilder api)
    {
        api.MapGet("/referrals", ListAsync).RequireRoles(Everyone)
            .WithSummary("Referrals the caller may see: a provider its own, station staff their station's (?caseworkerId, ?providerId, ?needId, ?status; ?id= repeated, up to 100, for those referrals: an inbox page's in one call).");
        api.MapGet("/referrals/{id:guid}", GetAsync).RequireRoles(Everyone).WithSummary("One referral.");
        api.MapPost("/referrals/{id:guid}/approve", (Guid id, ClaimsPrincipal p, HttpContext http, ReferralProcess c, CancellationToken ct) =>
                Respond(http, c.ApproveAsync(id, CurrentUser.From(p), ExpectedVersion.FromIfMatch(http.Request), ct)))
            .RequireRoles(StationStaff).WithSummary("The caseworker approves a proposed referral; it goes to the provider.");
        api.MapPost("/referrals/{id:guid}/accept", (Guid id, ClaimsPrincipal p, HttpContext http, ReferralProcess c, CancellationToken ct) =>
                Respond(http, c.AcceptAsync(id, CurrentUser.From(p), ExpectedVersion.FromIfMatch(http.Request), ct)))
            .RequireRoles(Roles.Provider, Roles.Admin).WithSummary("The provider accepts: one place of the offer is reserved.");
        api.MapPost("/referrals/{id:guid}/start", (Guid id, ClaimsPrincipal p, HttpContext http, ReferralProcess c, CancellationToken ct) =>
                Respond(http, c.StartAsync(id, CurrentUser.From(p), ExpectedVersion.FromIfMatch(http.Request), ct)))
            .RequireRoles(Roles.Provider, Roles.Admin).WithSummary("The service has started.");
        api.MapPost("/referrals/{id:guid}/complete", CompleteAsync)
            .RequireRoles(Roles.Provider, Roles.Admin).WithSummary("The service is over, with its outcome; the place is freed.");
        api.MapPost("/referrals/{id:guid}/decline", DeclineAsync)
            .RequireRoles(Everyone).WithSummary("Decline with a reason (caseworker before approving, provider before service starts); the next candidate is proposed.");
    }

    private static async Task<Ok<List<ReferralView>>> ListAsync(
        Guid? caseworkerId, Guid? providerId, Guid? needId, ReferralStatus? status, Guid[]? id, ClaimsPrincipal principal, IQuerySession session,
        CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Check(id is null || id.Length <= MaxIds, "id", $"must name at most {MaxIds} referrals.");
        validator.ThrowIfInvalid();
        var user = CurrentUser.From(principal);
        IQueryable<Referral> query = session.Query<Referral>();
        if (!user.IsIn(Roles.Admin))
        {
            if (user.IsIn(Roles.Provider))
            {
                var own = user.ProviderId ?? Guid.Empty;
                query = query.Where(r => r.Parties.ProviderId == own);
            }
            else
            {
                var station = user.StationId ?? Guid.Empty;
                query = query.Where(r => r.Parties.StationId == station);
            }
        }
        if (caseworkerId is { } caseworker) query = query.Where(r => r.Parties.CaseworkerId == caseworker);
        if (providerId is { } provider) query = query.Where(r => r.Parties.ProviderId == provider);
        if (needId is { } need) query = query.Where(r => r.Parties.NeedId == need);
        if (status is { } wanted) query = query.Where(r => r.Status == wanted);
        if (id is { Length: > 0 } ids) query = query.Where(r => r.Id.IsOneOf(ids));
        var referrals = await query.OrderByDescending(r => r.ProposedAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(referrals.Select(ReferralView.Of).ToList());
    }

    private static async Task<Ok<ReferralView>> GetAsync(
        Guid id, ClaimsPrincipal principal, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var referral = await session.LoadAsync<Referral>(id, ct);
        if (referral is null || !ReferralVisibility.CanSee(CurrentUser.From(principal), referral))
            throw new BuildingBlocks.Domain.RecordNotFound("Referral", id);
        ExpectedVersion.SetETag(response, referral.Version);
        return TypedResults.Ok(ReferralView.Of(referral));
    }

    private static Task<Ok<ReferralView>> DeclineAsync(
        Guid id, DeclineReferralRequest request, ClaimsPrincipal principal, HttpContext http, ReferralProcess commands, CancellationToken ct)
    {
        var validator = new RequestValidator();
        var reason = validator.Required(request.Reason, "reason");
        if (request.Note is { Length: > 1000 }) validator.Fail("note", "must be at most 1000 characters.");
        validator.ThrowIfInvalid();
        return Respond(http, commands.DeclineAsync(id, reason, request.Note, CurrentUser.From(principal), ExpectedVersion.FromIfMatch(http.Request), ct));
    }

    private static Task<Ok<ReferralView>> CompleteAsync(
        Guid id, CompleteReferralRequest request, ClaimsPrincipal principal, HttpContext http, ReferralProcess commands, CancellationToken ct)
    {
        var validator = new RequestValidator();
        var outcome = validator.Required(request.Outcome, "outcome");
        if (request.Note is { Length: > 1000 }) validator.Fail("note", "must be at most 1000 characters.");
        validator.ThrowIfInvalid();
        return Respond(http, commands.CompleteAsync(id, outcome, request.Note, CurrentUser.From(principal), ExpectedVersion.FromIfMatch(http.Request), ct));
    }

    private static async Task<Ok<ReferralView>> Respond(HttpContext http, Task<Referral> step)
    {
        var referral = await step;
        ExpectedVersion.SetETag(http.Response, referral.Version);
        return TypedResults.Ok(ReferralView.Of(referral));
    }
}
