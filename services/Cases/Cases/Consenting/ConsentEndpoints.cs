using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Cases.Cases.OpeningCase;
using Marten;

namespace FiveSocieties.Cases.Cases.Consenting;

/// <summary>POST /cases/{id}/consents. The client may send its own consentId: a repeat then changes nothing.</summary>
public sealed record GiveConsentRequest(
    Guid? ConsentId, [property: Required] ConsentGiver? GivenBy, string? GuardianName, [property: Required] ConsentPurpose? Purpose, IReadOnlyList<string>? Organisations,
    [property: Required] DateTimeOffset? ValidUntil, string? DietaryNotes);

public sealed record WithdrawConsentRequest(string? Reason);

public sealed record ConsentWritten(Guid CaseId, Guid ConsentId, long Version);

public static class ConsentEndpoints
{
    public static void MapConsents(this IEndpointRouteBuilder api)
    {
        api.MapPost("/cases/{id:guid}/consents", GiveAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .Produces<ConsentWritten>(StatusCodes.Status200OK)
            .Produces<ConsentWritten>(StatusCodes.Status201Created)
            .WithSummary("Record a consent (知情同意) of the client or, for a child, the guardian.");
        api.MapPost("/cases/{id:guid}/consents/{consentId:guid}/withdraw", WithdrawAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .Produces<CaseWritten>(StatusCodes.Status200OK)
            .WithSummary("Withdraw a consent; details shared under it are revoked.");
    }

    private static async Task<IResult> GiveAsync(
        Guid id, GiveConsentRequest request, ClaimsPrincipal principal, IDocumentStore store, IPersonalKeyStore personalKeys, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var v = new RequestValidator();
        var givenBy = v.Required(request.GivenBy, "givenBy");
        var purpose = v.Required(request.Purpose, "purpose");
        // Stored in UTC: the case's next consent expiry is an indexed timestamptz column, which
        // takes only UTC offsets; a client in China sends +08:00.
        var validUntil = v.Required(request.ValidUntil, "validUntil").ToUniversalTime();
        var organisations = v.List(request.Organisations, "organisations", maxCount: 20);
        v.Check(organisations.All(o => !string.IsNullOrWhiteSpace(o) && o.Length <= 200), "organisations", "must be names of at most 200 characters.");
        if (request.GuardianName is { Length: > 100 }) v.Fail("guardianName", "must be at most 100 characters.");
        if (request.DietaryNotes is { Length: > 500 }) v.Fail("dietaryNotes", "must be at most 500 characters.");
        v.Check(request.ConsentId != Guid.Empty, "consentId", "must not be the empty id.");
        v.ThrowIfInvalid();

        // The guardian's name and the dietary notes are sealed with the client's key (the case's, for a client not registered).
        SubjectKey key;
        await using (var query = store.QuerySession())
        {
            var current = await query.LoadAsync<Case>(id, cancellationToken) ?? throw new RecordNotFound("Case", id);
            user.EnsureCanSee(current.StationId, "Case", id);
            var subjectId = current.Client?.MemberId ?? id;
            key = await personalKeys.GetOrCreateAsync(subjectId, cancellationToken)
                ?? throw new DomainRuleViolation("consent.client-erased", "The client's personal data was erased: nothing more can be recorded for them.");
        }
        string? Seal(string? text) => string.IsNullOrWhiteSpace(text) ? null : PersonalData.Seal(key, text.Trim());

        var consentId = request.ConsentId ?? Guid.CreateVersion7();
        var command = new GiveConsent(id, consentId, givenBy, Seal(request.GuardianName), purpose,
            organisations.Select(o => o.Trim()).ToList(), validUntil, Seal(request.DietaryNotes), user.Id, clock.GetUtcNow());
        return await store.DecideOverHttpAsync<Case>(id, http, c => user.EnsureCanSee(c.StationId, "Case", id), state => CaseDecider.Decide(state, command),
            decided => decided.Decision.CreatedUnlessRepeated($"/cases/{id}#consents/{consentId}", new ConsentWritten(id, consentId, decided.Decision.Version)),
            cancellationToken);
    }

    private static Task<IResult> WithdrawAsync(
        Guid id, Guid consentId, WithdrawConsentRequest? request, ClaimsPrincipal principal, IDocumentStore store,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var v = new RequestValidator();
        if (request?.Reason is { Length: > 500 }) v.Fail("reason", "must be at most 500 characters.");
        v.ThrowIfInvalid();
        return store.DecideOverHttpAsync<Case>(id, http, c => user.EnsureCanSee(c.StationId, "Case", id),
            state => CaseDecider.Decide(state, new WithdrawConsent(id, consentId, request?.Reason, user.Id, clock.GetUtcNow())),
            decided => TypedResults.Ok(new CaseWritten(id, decided.Decision.Version)), cancellationToken);
    }
}

/// <summary>
/// Consents run out with time, not with a message: every sweep expires those whose validity
/// ended (and so revokes what was shared under them). Idempotent: an expired consent is not valid any more.
/// </summary>
public sealed class ConsentExpirySweep(IDocumentStore store) : IPeriodicSweep
{
    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> due;
        await using (var query = store.QuerySession())
            due = await query.Query<Case>().Where(c => c.NextConsentExpiry != null && c.NextConsentExpiry <= now)
                .Select(c => c.Id).Take(1000).ToListAsync(cancellationToken);
        foreach (var caseId in due)
        {
            await using var session = store.LightweightSession();
            try
            {
                await session.DecideAsync<Case>(caseId, state => state is null ? [] : CaseDecider.Decide(state, new ExpireConsents(caseId, now)),
                    cancellationToken);
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Someone changed the case meanwhile; it is still due and the next sweep expires it.
            }
        }
    }
}
