using System.ComponentModel.DataAnnotations;
// 查找服务对象: a station's staff find a client by full name, ID number or phone. Everything
// personal is sealed, so the search never reads plaintext: the query is hashed with the service's
// keyed hash as registration hashed the members, looked up in the index, and only the few
// matches are opened. Every search is audited by its kind and hash, never its text.
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Auditing;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Households.FindingClients;
using FiveSocieties.Contracts.V1;
using Marten;

namespace FiveSocieties.Cases.ClientSearch;

/// <summary>
/// A client found: who they are (opened from their sealed details), their group and categories
/// from their open case, and the open cases to go to.
/// </summary>
public sealed record ClientMatch(
    Guid MemberId, Guid HouseholdId, string Name, Gender Gender, int Age, ClientGroup? ClientGroup,
    IReadOnlyList<ClientCategory> Categories, IReadOnlyList<Guid> OpenCaseIds);

/// <summary>POST /clients/search: the query goes in the body, never the address, so no access log, proxy or browser history keeps it.</summary>
public sealed record ClientSearchRequest([property: Required] string? Q, int? Page, int? PageSize);

/// <summary>A page of matches, paged as the lists are, with the kind the query was taken to be.</summary>
public sealed record ClientSearchPage(ClientQueryKind Kind, IReadOnlyList<ClientMatch> Items, int Page, int PageSize, long Total);

public static class ClientSearchEndpoint
{
    /// <summary>Shorter queries are refused: a name of one character is no full name, a few digits no phone.</summary>
    public const int MinimumLength = 2;

    public static void MapClientSearch(this IEndpointRouteBuilder api) =>
        api.MapPost("/clients/search", SearchAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .ShowsPersonalData()
            .WithSummary("Find the caller's station's clients by full name, 18-character ID number or phone (`q` in the body, the kind read from its shape; a name or number in an address would stay in logs and history), paged. Matched by keyed hash; every search is audited.")
            .Produces<ClientSearchPage>()
            .ReadsOnly()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> SearchAsync(
        ClientSearchRequest request, ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, KeyedHash hash, TimeProvider clock,
        LocalCalendar calendar, IPersonalKeyStore personalKeys, CancellationToken cancellationToken)
    {
        var v = new RequestValidator();
        var query = v.RequiredText(request.Q, "q", 100);
        var kind = ClientKeys.KindOf(query);
        if (query.Length > 0 && query.Length <= 100 && ClientKeys.SignificantLength(kind, query) < MinimumLength)
            v.Fail("q", $"must be at least {MinimumLength} characters: a full name, an ID number or a phone number.");
        var paging = v.Paging(request.Page, request.PageSize);
        v.ThrowIfInvalid();

        var user = CurrentUser.From(principal);
        if (user.StationId is not { } station)
            return TypedResults.Problem(statusCode: 403, detail: "Station staff need a station claim to search clients.");

        var queryHash = ClientKeys.HashOf(hash, kind, query);
        var queryHashes = ClientKeys.HashesOf(hash, kind, query);
        var entries = session.Query<ClientSearchEntry>().Where(e => e.StationId == station);
        entries = kind switch
        {
            ClientQueryKind.IdNumber => entries.Where(e => e.IdNumberHash!.IsOneOf(queryHashes)),
            ClientQueryKind.Phone => entries.Where(e => e.PhoneHash!.IsOneOf(queryHashes)),
            _ => entries.Where(e => e.NameHash!.IsOneOf(queryHashes)),
        };
        var found = await entries.ToListPageAsync(o => o.OrderBy(e => e.Id), paging, e => e, cancellationToken);

        // Recorded before anything is returned, as every read of personal data is.
        await CaseFileAccess.AppendAsync(store, CaseFileAccess.AuditStreamOf(station), now =>
            [new ClientsSearched(station, user.Id, user.RoleCodes, kind, queryHash, found.Total, now)], clock, cancellationToken);

        var memberIds = found.Items.Select(e => e.Id).ToArray();
        var openCases = memberIds.Length == 0 ? [] : await session.Query<Case>()
            .Where(c => c.StationId == station && c.Status != CaseStatus.Closed && c.Client!.MemberId.IsOneOf(memberIds))
            .ToListAsync(cancellationToken);
        var today = calendar.Today(clock.GetUtcNow());
        var matches = new List<ClientMatch>();
        foreach (var entry in found.Items)
        {
            // A key gone between the look-up and here: erased, nothing to show.
            if (await ClientDirectory.OpenAsync(session, personalKeys, entry.HouseholdId, entry.Id, cancellationToken) is not { Details: { } details } opened)
                continue;
            var cases = openCases.Where(c => c.Client!.MemberId == entry.Id).OrderByDescending(c => c.OpenedAt).ToList();
            matches.Add(new ClientMatch(entry.Id, opened.HouseholdId, details.Name, opened.Member.Gender,
                ClientDirectory.AgeOn(details.BirthDate, today), cases.FirstOrDefault()?.ClientGroup,
                cases.FirstOrDefault()?.Categories ?? [], [.. cases.Select(c => c.Id)]));
        }
        return TypedResults.Ok(new ClientSearchPage(kind, matches, found.Page, found.PageSize, found.Total));
    }
}
