using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Households.FindingClients;
using FiveSocieties.Contracts.V1;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Households.Registering;

public sealed record HouseholdLocationRequest(
    [property: Required] string? District, [property: Required] string? Township, [property: Required] string? Community, [property: Required] string? Grid,
    double? Latitude, double? Longitude);

public sealed record MemberRequest(
    Guid? MemberId, [property: Required] string? Name, [property: Required] RelationToHead? RelationToHead, [property: Required] Gender? Gender,
    [property: Required] DateOnly? BirthDate, string? IdNumber, string? Phone);

/// <summary>POST /households. The client may send its own ids: a repeat then changes nothing.</summary>
public sealed record RegisterHouseholdRequest(Guid? HouseholdId, [property: Required] string? Address, [property: Required] HouseholdLocationRequest? Location, [property: Required] IReadOnlyList<MemberRequest>? Members);

public enum DuplicateReason { SameIdNumber, SimilarNameSameBirthDateAndAddress }

/// <summary>A person already registered who may be the one just registered.</summary>
public sealed record PossibleDuplicate(Guid MemberId, Guid HouseholdId, Guid LikelySameAsMemberId, Guid LikelySameAsHouseholdId, DuplicateReason Reason);

public sealed record HouseholdRegisteredResponse(Guid HouseholdId, long Version, IReadOnlyList<Guid> MemberIds, IReadOnlyList<PossibleDuplicate> PossibleDuplicates);

public static class RegisterHouseholdEndpoint
{
    public const string IdNumberPurpose = "id-number";
    public const string PersonPurpose = "birth-date+address";

    public static void MapRegisterHousehold(this IEndpointRouteBuilder api) =>
        api.MapPost("/households", RegisterAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .WithSummary("Register a household (家庭) and its members; the answer warns of people who may already be registered.");

    private static async Task<Results<Ok<HouseholdRegisteredResponse>, Created<HouseholdRegisteredResponse>, ProblemHttpResult>> RegisterAsync(
        RegisterHouseholdRequest request, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock,
        LocalCalendar calendar, KeyedHash hash, IPersonalKeyStore personalKeys, HttpResponse response, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var v = new RequestValidator();
        var address = v.RequiredText(request.Address, "address", 300);
        var location = new HouseholdLocation(
            v.RequiredText(request.Location?.District, "location.district", 64),
            v.RequiredText(request.Location?.Township, "location.township", 64),
            v.RequiredText(request.Location?.Community, "location.community", 64),
            v.RequiredText(request.Location?.Grid, "location.grid", 64));
        var (lat, lon) = (request.Location?.Latitude, request.Location?.Longitude);
        v.Check(lat is null == lon is null, "location", "latitude and longitude come together.");
        v.Check(lat is null or (>= -90 and <= 90), "location.latitude", "must be between -90 and 90.");
        v.Check(lon is null or (>= -180 and <= 180), "location.longitude", "must be between -180 and 180.");
        v.Check(request.HouseholdId != Guid.Empty, "householdId", "must not be the empty id.");
        var members = v.List(request.Members, "members", maxCount: 30);
        v.Check(members.Count > 0, "members", "must list at least the head of household.");
        var today = calendar.Today(now);
        var parsed = members.Select((m, i) =>
        {
            var field = $"members[{i}]";
            var name = v.RequiredText(m?.Name, $"{field}.name", 100);
            var relation = v.Required(m?.RelationToHead, $"{field}.relationToHead");
            var gender = v.Required(m?.Gender, $"{field}.gender");
            var birth = v.Required(m?.BirthDate, $"{field}.birthDate");
            if (m?.BirthDate is { } b && (b > today || b < today.AddYears(-130))) v.Fail($"{field}.birthDate", "must be a past date within 130 years.");
            var idNumber = string.IsNullOrWhiteSpace(m?.IdNumber) ? null : m.IdNumber.Trim().ToUpperInvariant();
            if (idNumber is not null && !ResidentIdNumber.IsValid(idNumber))
                v.Fail($"{field}.idNumber", "must be an 18-character resident ID number with a valid check digit.");
            if (m?.Phone is { Length: > 30 }) v.Fail($"{field}.phone", "must be at most 30 characters.");
            v.Check(m?.MemberId != Guid.Empty, $"{field}.memberId", "must not be the empty id.");
            return (Id: m?.MemberId ?? Guid.CreateVersion7(), Relation: relation, Gender: gender,
                Details: new MemberDetails(name, birth, idNumber, string.IsNullOrWhiteSpace(m?.Phone) ? null : m.Phone.Trim()));
        }).ToList();
        v.Check(parsed.Select(p => p.Id).Distinct().Count() == parsed.Count, "members", "member ids must differ.");
        v.ThrowIfInvalid();

        // The household is the registering station's: only its staff will read it.
        if (user.StationId is not { } stationId)
            return TypedResults.Problem(statusCode: 403, detail: "Station staff need a station claim to register a household.");

        var householdId = request.HouseholdId ?? Guid.CreateVersion7();
        var existing = await session.LoadAsync<Household>(householdId, cancellationToken);
        // A repeat is answered to its own station only: another station learns nothing of the id.
        if (existing is not null) user.EnsureOwnStation(existing);
        // The keys are made (and committed in the key store) before what they seal: a key whose
        // events then fail to commit seals nothing and harms nobody.
        var keys = await personalKeys.GetOrCreateAsync([householdId, .. parsed.Select(p => p.Id)], cancellationToken);
        var erased = parsed.Where(p => !keys.ContainsKey(p.Id)).Select(p => p.Id).ToList();
        if (!keys.ContainsKey(householdId)) erased.Insert(0, householdId);
        if (erased.Count > 0)
            throw new DomainRuleViolation("household.erased", $"{erased[0]} belongs to a person or household whose data was erased; register them with new ids.");
        var sealedMembers = parsed.Select(p => new HouseholdMember(p.Id, p.Relation, p.Gender, PersonalData.SealJson(keys[p.Id], p.Details))).ToList();
        // On a repeat, keep the stream's sealed values: only the decision says whether anything is new.
        var sameAsStored = existing is not null
            && PersonalData.OpenJson<HomeDetails>(keys[householdId], existing.SealedHome) == new HomeDetails(address, lat, lon)
            && parsed.All(p => existing.Member(p.Id) is { } known && PersonalData.OpenJson<MemberDetails>(keys[p.Id], known.SealedDetails) == p.Details);
        if (existing is not null)
            sealedMembers = sealedMembers.Select(m => existing.Member(m.MemberId) is { } known ? m with { SealedDetails = known.SealedDetails } : m).ToList();
        GeoPoint? approximate = lat is { } la && lon is { } lo ? new GeoPoint(Math.Round(la, 2), Math.Round(lo, 2)) : null;
        var command = new RegisterHousehold(householdId, location,
            existing?.SealedHome ?? PersonalData.SealJson(keys[householdId], new HomeDetails(address, lat, lon)), approximate,
            sealedMembers, user.Id, now, stationId, sameAsStored);

        var duplicates = await DuplicatesAsync(session, personalKeys, hash, householdId, address, parsed.Select(p => (p.Id, p.Details)).ToList(), cancellationToken);
        var decision = await session.DecideAsync<Household>(householdId, state => HouseholdDecider.Decide(state, command), cancellationToken);
        if (decision.ChangedNothing)
        {
            // Nothing new: do not insert fresh keys for people who already have one.
            return TypedResults.Ok(new HouseholdRegisteredResponse(householdId, decision.Version, parsed.Select(p => p.Id).ToList(), duplicates));
        }
        foreach (var p in parsed) MemberIndex.Add(session, householdId, stationId, MemberIndex.HashesOf(hash, p.Id, p.Details, address));
        await session.SaveChangesAsync(cancellationToken);
        ExpectedVersion.SetETag(response, decision.Version);
        return TypedResults.Created($"/households/{householdId}",
            new HouseholdRegisteredResponse(householdId, decision.Version, parsed.Select(p => p.Id).ToList(), duplicates));
    }

    public static string PersonHashOf(KeyedHash hash, DateOnly birthDate, string address) =>
        hash.Of(PersonPurpose, birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "|" + address);

    /// <summary>
    /// Same ID number (by keyed hash), or the same birth date and address (by keyed hash) with a
    /// similar name — the names are opened only for those few candidates. Each is looked up under
    /// every configured version of the secret: people registered before a rotation are still met.
    /// </summary>
    private static async Task<IReadOnlyList<PossibleDuplicate>> DuplicatesAsync(
        IDocumentSession session, IPersonalKeyStore personalKeys, KeyedHash hash, Guid householdId, string address, IReadOnlyList<(Guid Id, MemberDetails Details)> people,
        CancellationToken cancellationToken)
    {
        var hashed = people.Select(p => (p.Id, p.Details,
            IdNumber: p.Details.IdNumber is { } id ? hash.Versions.Select(v => v.Of(IdNumberPurpose, id)).ToHashSet() : [],
            Person: hash.Versions.Select(v => PersonHashOf(v, p.Details.BirthDate, address)).ToHashSet())).ToList();
        var idHashes = hashed.SelectMany(p => p.IdNumber).ToArray();
        var personHashes = hashed.SelectMany(p => p.Person).ToArray();
        var candidates = await session.Query<MemberIndexEntry>()
            .Where(e => e.HouseholdId != householdId && (e.IdNumberHash!.IsOneOf(idHashes) || e.PersonHash.IsOneOf(personHashes)))
            .Take(100)
            .ToListAsync(cancellationToken);
        var found = new List<PossibleDuplicate>();
        foreach (var m in hashed)
        {
            foreach (var c in candidates.Where(c => c.Id != m.Id))
            {
                if (c.IdNumberHash is not null && m.IdNumber.Contains(c.IdNumberHash))
                    found.Add(new PossibleDuplicate(m.Id, householdId, c.Id, c.HouseholdId, DuplicateReason.SameIdNumber));
                else if (m.Person.Contains(c.PersonHash)
                    && await ClientDirectory.OpenAsync(session, personalKeys, c.HouseholdId, c.Id, cancellationToken) is { Details: { } other }
                    && NamesAreSimilar(m.Details.Name, other.Name))
                    found.Add(new PossibleDuplicate(m.Id, householdId, c.Id, c.HouseholdId, DuplicateReason.SimilarNameSameBirthDateAndAddress));
            }
        }
        return found;
    }

    /// <summary>Equal once spaces and case are ignored, or one character added, dropped or changed (a typo, a variant character).</summary>
    public static bool NamesAreSimilar(string a, string b)
    {
        static string Normalize(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c) && c != '·')).ToUpperInvariant();
        var (x, y) = (Normalize(a), Normalize(b));
        if (Math.Abs(x.Length - y.Length) > 1) return false;
        var previous = Enumerable.Range(0, y.Length + 1).ToArray();
        for (var i = 1; i <= x.Length; i++)
        {
            var current = new int[y.Length + 1];
            current[0] = i;
            for (var j = 1; j <= y.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[y.Length] <= 1;
    }
}

/// <summary>The 18-character resident ID number (GB 11643-1999) and its ISO 7064 MOD 11-2 check digit.</summary>
public static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckDigits = "10X98765432";

    public static bool IsValid(string value)
    {
        if (value.Length != 18 || !value[..17].All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (value[i] - '0') * Weights[i];
        return CheckDigits[sum % 11] == value[17];
    }

    /// <summary>The number with its check digit, from the first 17 digits (tests and demo data).</summary>
    public static string WithCheckDigit(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return first17 + CheckDigits[sum % 11];
    }
}
