using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Offers;
using FiveSocieties.Matching.Providers;
using FiveSocieties.Matching.Referrals;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Matching.Directory;

public sealed record AreaRequest(IReadOnlyList<string>? Districts, IReadOnlyList<string>? Townships, IReadOnlyList<string>? Grids);

public sealed record EligibilityRequest(
    IReadOnlyList<ClientGroup>? ClientGroups, int? MinAge, int? MaxAge, IReadOnlyList<ClientCategory>? Categories, IReadOnlyList<int>? AbilityLevels);

public sealed record GeoPointRequest([property: Required] double? Latitude, [property: Required] double? Longitude);

public sealed record ScheduleRequest([property: Required] IReadOnlyList<DayOfWeek>? Days, [property: Required] TimeOnly? From, [property: Required] TimeOnly? To);

/// <summary>POST /offers. The client may send its own offerId: a repeat then changes nothing.</summary>
public sealed record PublishOfferRequest(
    Guid? OfferId, Guid? ProviderId, [property: Required] NeedCategory? Category, [property: Required] string? Title, string? Description, [property: Required] int? Capacity, AreaRequest? Area,
    EligibilityRequest? Eligibility, DateOnly? ValidFrom, DateOnly? ValidUntil, GeoPointRequest? ServicePoint, ScheduleRequest? Schedule);

public sealed record ChangeCapacityRequest([property: Required] int? Capacity);

public sealed record OfferWritten(Guid Id, long Version);

public sealed record OfferView(
    Guid Id, Guid ProviderId, string ProviderName, NeedCategory Category, string Title, string? Description, int Capacity, int Allocated,
    int FreeCapacity, ServiceArea Area, Eligibility Eligibility, DateOnly ValidFrom, DateOnly? ValidUntil, GeoPoint? ServicePoint,
    WeeklySchedule? Schedule, OfferStatus Status, long Version)
{
    public static OfferView Of(Offer o) => new(o.Id, o.ProviderId, o.ProviderName, o.Category, o.Title, o.Description, o.Capacity,
        o.Allocated, o.FreeCapacity, o.Area, o.Eligibility, o.ValidFrom, o.ValidUntil, o.ServicePoint, o.Schedule, o.Status, o.Version);
}

public static class OfferEndpoints
{
    private static readonly string[] Everyone = [Roles.Caseworker, Roles.Supervisor, Roles.Provider, Roles.Admin];

    public static void MapOffers(this IEndpointRouteBuilder api)
    {
        api.MapPost("/offers", PublishAsync).RequireRoles(Roles.Provider, Roles.Admin)
            .WithSummary("Offer a resource; open needs it fits are announced to their caseworkers and proposed it.");
        api.MapGet("/offers", ListAsync).RequireRoles(Everyone)
            .WithSummary("Offers (?providerId, ?category, ?status; active by default).");
        api.MapGet("/offers/{id:guid}", GetAsync).RequireRoles(Everyone).WithSummary("One offer with its free capacity.");
        api.MapPost("/offers/{id:guid}/withdraw", WithdrawAsync).RequireRoles(Roles.Provider, Roles.Admin)
            .WithSummary("Withdraw an offer: it leaves matching.");
        api.MapPost("/offers/{id:guid}/capacity", ChangeCapacityAsync).RequireRoles(Roles.Provider, Roles.Admin)
            .WithSummary("Change how many places the offer has; an increase is matched to waiting needs.");
    }

    private static async Task<Results<Ok<OfferWritten>, Created<OfferWritten>, ProblemHttpResult>> PublishAsync(
        PublishOfferRequest request, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock, LocalCalendar calendar,
        ReferralProcess process, HttpResponse response, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var validator = new RequestValidator();
        var providerId = validator.RequiredId(request.ProviderId ?? user.ProviderId, "providerId");
        var category = validator.Required(request.Category, "category");
        var title = validator.RequiredText(request.Title, "title", 200);
        if (request.Description is { Length: > 2000 }) validator.Fail("description", "must be at most 2000 characters.");
        var capacity = validator.Required(request.Capacity, "capacity");
        validator.Check(request.Capacity is null or (>= 1 and <= 100_000), "capacity", "must be between 1 and 100000.");
        validator.Check(request.OfferId != Guid.Empty, "offerId", "must not be the empty id.");
        var area = Area(request.Area, validator, "area");
        var eligibility = Eligibility(request.Eligibility, validator);
        var servicePoint = Point(request.ServicePoint, validator, "servicePoint");
        var schedule = Schedule(request.Schedule, validator);
        var validFrom = request.ValidFrom ?? calendar.Today(now);
        validator.Check(request.ValidUntil is null || request.ValidUntil >= validFrom, "validUntil", "must not be before validFrom.");
        validator.ThrowIfInvalid();

        if (!user.IsIn(Roles.Admin) && user.ProviderId != providerId)
            return TypedResults.Problem(statusCode: 403, detail: "You may offer resources only for your own provider.");
        var provider = await session.LoadAsync<Provider>(providerId, cancellationToken)
            ?? throw new DomainRuleViolation("offer.provider-unknown", $"Provider {providerId} is not registered.");

        var offerId = request.OfferId ?? Guid.CreateVersion7();
        var command = new PublishOffer(offerId, providerId, provider.Name, category, title, request.Description, capacity, area, eligibility,
            validFrom, request.ValidUntil, servicePoint, schedule, user.Id, now);
        var decision = (await process.PublishOffersAsync(session, [command], cancellationToken))[0];

        ExpectedVersion.SetETag(response, decision.Version);
        var written = new OfferWritten(offerId, decision.Version);
        return decision.ChangedNothing ? TypedResults.Ok(written) : TypedResults.Created($"/offers/{offerId}", written);
    }

    private static async Task<Ok<List<OfferView>>> ListAsync(
        Guid? providerId, NeedCategory? category, OfferStatus? status, IQuerySession session, CancellationToken cancellationToken)
    {
        var wanted = status ?? OfferStatus.Active;
        IQueryable<Offer> query = session.Query<Offer>().Where(o => o.Status == wanted);
        if (providerId is { } provider) query = query.Where(o => o.ProviderId == provider);
        if (category is { } c) query = query.Where(o => o.Category == c);
        var offers = await query.OrderByDescending(o => o.PublishedAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(offers.Select(OfferView.Of).ToList());
    }

    private static async Task<Ok<OfferView>> GetAsync(Guid id, IQuerySession session, HttpResponse response, CancellationToken cancellationToken)
    {
        var offer = await session.LoadAsync<Offer>(id, cancellationToken) ?? throw new RecordNotFound("Offer", id);
        ExpectedVersion.SetETag(response, offer.Version);
        return TypedResults.Ok(OfferView.Of(offer));
    }

    /// <summary>The offer leaves matching, and in the same commit its referrals in progress end and their needs go on to their next candidates.</summary>
    private static async Task<Ok<OfferWritten>> WithdrawAsync(
        Guid id, ClaimsPrincipal principal, ReferralProcess process, HttpContext http, CancellationToken cancellationToken)
    {
        var decision = await process.WithdrawOfferAsync(id, CurrentUser.From(principal), ExpectedVersion.FromIfMatch(http.Request), cancellationToken);
        ExpectedVersion.SetETag(http.Response, decision.Version);
        return TypedResults.Ok(new OfferWritten(id, decision.Version));
    }

    private static async Task<Ok<OfferWritten>> ChangeCapacityAsync(
        Guid id, ChangeCapacityRequest request, ClaimsPrincipal principal, ReferralProcess process, HttpContext http,
        CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var capacity = validator.Required(request.Capacity, "capacity");
        validator.Check(request.Capacity is null or (>= 0 and <= 100_000), "capacity", "must be between 0 and 100000.");
        validator.ThrowIfInvalid();
        var decision = await process.ChangeCapacityAsync(id, capacity, CurrentUser.From(principal), ExpectedVersion.FromIfMatch(http.Request),
            cancellationToken);
        ExpectedVersion.SetETag(http.Response, decision.Version);
        return TypedResults.Ok(new OfferWritten(id, decision.Version));
    }

    public static ServiceArea Area(AreaRequest? request, RequestValidator validator, string field)
    {
        var districts = validator.List(request?.Districts, $"{field}.districts", 100);
        var townships = validator.List(request?.Townships, $"{field}.townships", 500);
        var grids = validator.List(request?.Grids, $"{field}.grids", 2000);
        foreach (var (list, name) in new[] { (districts, "districts"), (townships, "townships"), (grids, "grids") })
            if (list.Any(string.IsNullOrWhiteSpace)) validator.Fail($"{field}.{name}", "must not contain empty codes.");
        return new ServiceArea(districts.Select(d => d.Trim()).Distinct().ToList(), townships.Select(t => t.Trim()).Distinct().ToList(),
            grids.Select(g => g.Trim()).Distinct().ToList());
    }

    private static Eligibility Eligibility(EligibilityRequest? request, RequestValidator validator)
    {
        validator.Check(request?.MinAge is null or (>= 0 and <= 130), "eligibility.minAge", "must be between 0 and 130.");
        validator.Check(request?.MaxAge is null or (>= 0 and <= 130), "eligibility.maxAge", "must be between 0 and 130.");
        validator.Check(request is not { MinAge: { } min, MaxAge: { } max } || max >= min, "eligibility.maxAge", "must not be below minAge.");
        var levels = validator.List(request?.AbilityLevels, "eligibility.abilityLevels", 5);
        validator.Check(levels.All(l => l is >= 0 and <= 4), "eligibility.abilityLevels", "must be ability levels 0–4.");
        return new Eligibility(validator.List(request?.ClientGroups, "eligibility.clientGroups", 2).Distinct().ToList(), request?.MinAge,
            request?.MaxAge, validator.List(request?.Categories, "eligibility.categories", 10).Distinct().ToList(), levels.Distinct().ToList());
    }

    private static GeoPoint? Point(GeoPointRequest? request, RequestValidator validator, string field)
    {
        if (request is null) return null;
        validator.Check(request.Latitude is >= -90 and <= 90, $"{field}.latitude", "is required, between -90 and 90.");
        validator.Check(request.Longitude is >= -180 and <= 180, $"{field}.longitude", "is required, between -180 and 180.");
        return new GeoPoint(request.Latitude ?? 0, request.Longitude ?? 0);
    }

    private static WeeklySchedule? Schedule(ScheduleRequest? request, RequestValidator validator)
    {
        if (request is null) return null;
        var days = validator.List(request.Days, "schedule.days", 7);
        validator.Check(days.Count > 0, "schedule.days", "must name at least one day.");
        var from = validator.Required(request.From, "schedule.from");
        var to = validator.Required(request.To, "schedule.to");
        validator.Check(request.From is null || request.To is null || to > from, "schedule.to", "must be after schedule.from.");
        return new WeeklySchedule(days.Distinct().ToList(), from, to);
    }
}
