using System.Security.Claims;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Offers;
using FiveSocieties.Matching.Providers;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Matching.Directory;

/// <summary>
/// POST /directory/hsds imports organizations (providers) and their services (offers) from HSDS
/// 3.0 JSON or its tabular data package (a zip of CSV files): every problem is listed in one 400
/// and nothing is imported; otherwise all of it commits at once. GET /directory/hsds exports ours
/// in either form (JSON, or the zip for Accept: application/zip or ?format=csv), so an export
/// imports again as "nothing changed".
/// </summary>
/// <summary>What an import found: organizations and services read, and how many services were new.</summary>
public sealed record DirectoryImported(int Organizations, int Services, int NewServices);

public static class DirectoryEndpoints
{
    private static readonly string[] Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public static void MapDirectory(this IEndpointRouteBuilder api)
    {
        api.MapPost("/directory/hsds", ImportAsync).RequireRoles(Roles.Admin)
            // One Accepts: routing reads only the last, so two would turn the other format away with 415.
            .Accepts<HsdsDirectory>("application/json", HsdsDataPackage.ContentType)
            .WithSummary("Import providers and offers from HSDS 3.0 JSON or its tabular data package zip (all or nothing; 400 lists every problem with its file, row and column).");
        api.MapGet("/directory/hsds", ExportAsync).RequireRoles(Roles.Admin, Roles.Supervisor, Roles.Caseworker, Roles.Provider)
            .Produces<HsdsDirectory>(StatusCodes.Status200OK, "application/json").ProducesContent(HsdsDataPackage.ContentType)
            .WithSummary("The directory (providers and their active offers) as HSDS 3.0 JSON, or as its tabular data package zip (Accept: application/zip or ?format=csv).");
    }

    /// <summary>Both formats become one HSDS graph; a package's problems are then named by file and row instead of JSON path.</summary>
    private static async Task<Results<Ok<DirectoryImported>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock, LocalCalendar calendar,
        NewResourceFanOut fanOut, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } type && type.StartsWith(HsdsDataPackage.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            // A package may be larger than the 1 MB every other request is held to (ServiceDefaults); its own cap applies.
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = HsdsDataPackage.MaxBytes;
            HsdsPackage package;
            try { package = await HsdsDataPackage.ReadAsync(request.Body, cancellationToken); }
            catch (HsdsPackageTooLarge tooLarge)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The data package is too large.",
                    detail: $"{tooLarge.Message} A package may hold at most {HsdsDataPackage.MaxEntries} files and {HsdsDataPackage.MaxBytes / 1024 / 1024} MB, packed or unpacked.",
                    type: "urn:fivesoc:hsds:package-too-large");
            }
            try { return await ImportDirectoryAsync(package.Directory, principal, session, clock, calendar, fanOut, cancellationToken); }
            catch (InvalidRequest invalid) { throw package.Locate(invalid); }
        }
        if (!request.HasJsonContentType())
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: $"Send HSDS JSON as application/json or the tabular data package as {HsdsDataPackage.ContentType}.");
        HsdsDirectory? directory;
        // Handed to the shared problem mapping, which names the JSON error's path as body binding would have.
        try { directory = await request.ReadFromJsonAsync<HsdsDirectory>(cancellationToken); }
        catch (JsonException error) { throw new BadHttpRequestException("The HSDS JSON cannot be read.", StatusCodes.Status400BadRequest, error); }
        return await ImportDirectoryAsync(directory ?? new HsdsDirectory(null), principal, session, clock, calendar, fanOut, cancellationToken);
    }

    private static async Task<Ok<DirectoryImported>> ImportDirectoryAsync(
        HsdsDirectory directory, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock, LocalCalendar calendar,
        NewResourceFanOut fanOut, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var validator = new RequestValidator();
        var providers = new List<RegisterProvider>();
        var offers = new List<PublishOffer>();
        var ids = new HashSet<Guid>();
        var organizations = directory.Organizations ?? [];
        validator.Check(organizations.Count > 0, "organizations", "must list at least one organization.");
        for (var i = 0; i < organizations.Count; i++)
        {
            var org = organizations[i];
            var at = $"organizations[{i}]";
            var providerId = Id(org.Id, $"{at}.id", validator, ids);
            var name = validator.RequiredText(org.Name, $"{at}.name", 200);
            var code = org.OrganizationIdentifiers?.FirstOrDefault(x => x.IdentifierScheme == HsdsTaxonomies.CreditCodeScheme)?.Identifier?.Trim().ToUpperInvariant();
            if (CreditCode.Problem(code) is { } problem) validator.Fail($"{at}.organization_identifiers", $"{HsdsTaxonomies.CreditCodeScheme} identifier {problem}");
            var kind = Term<ProviderKind>(org.Attributes, HsdsTaxonomies.ProviderKind, $"{at}.attributes", validator);
            var contact = org.Contacts?.FirstOrDefault();
            var contactName = validator.RequiredText(contact?.Name, $"{at}.contacts[0].name", 100);
            var phone = validator.RequiredText(contact?.Phones?.FirstOrDefault()?.Number, $"{at}.contacts[0].phones[0].number", 30);
            providers.Add(new RegisterProvider(providerId, name, kind, code ?? "", new ProviderContact(contactName, phone, org.Email),
                new ServiceArea([], [], []), user.Id, now));

            var services = org.Services ?? [];
            for (var k = 0; k < services.Count; k++)
            {
                var service = services[k];
                var sat = $"{at}.services[{k}]";
                var offerId = Id(service.Id, $"{sat}.id", validator, ids);
                var title = validator.RequiredText(service.Name, $"{sat}.name", 200);
                validator.Check(service.Status is null or "active", $"{sat}.status", "must be \"active\" (only active services are offers).");
                var category = Term<NeedCategory>(service.Attributes, HsdsTaxonomies.NeedCategory, $"{sat}.attributes", validator);
                var capacity = WholeNumber(service.Capacities?.FirstOrDefault()?.Maximum);
                validator.Check(capacity is >= 1 and <= 100_000, $"{sat}.capacities[0].maximum", "is required, a whole number between 1 and 100000.");
                var minimumAge = WholeNumber(service.MinimumAge);
                var maximumAge = WholeNumber(service.MaximumAge);
                validator.Check(service.MinimumAge is null || minimumAge is >= 0 and <= 130, $"{sat}.minimum_age", "must be a whole number between 0 and 130.");
                validator.Check(service.MaximumAge is null || maximumAge is >= 0 and <= 130, $"{sat}.maximum_age", "must be a whole number between 0 and 130.");
                validator.Check(minimumAge is not { } min || maximumAge is not { } max || max >= min, $"{sat}.maximum_age", "must not be below minimum_age.");
                var area = Area(service.ServiceAreas, $"{sat}.service_areas", validator);
                var (schedule, validFrom, validUntil) = Schedule(service.Schedules, $"{sat}.schedules", validator, calendar.Today(now));
                var location = service.ServiceAtLocations?.FirstOrDefault()?.Location;
                GeoPoint? point = null;
                if (location is not null)
                {
                    validator.Check(location.Latitude is >= -90 and <= 90, $"{sat}.service_at_locations[0].location.latitude", "is required, between -90 and 90.");
                    validator.Check(location.Longitude is >= -180 and <= 180, $"{sat}.service_at_locations[0].location.longitude", "is required, between -180 and 180.");
                    point = new GeoPoint(location.Latitude ?? 0, location.Longitude ?? 0);
                }
                var eligibility = new Eligibility(Terms<ClientGroup>(service.Attributes, HsdsTaxonomies.ClientGroup, $"{sat}.attributes", validator),
                    minimumAge, maximumAge, Terms<ClientCategory>(service.Attributes, HsdsTaxonomies.ClientCategory, $"{sat}.attributes", validator),
                    Terms<int>(service.Attributes, HsdsTaxonomies.AbilityLevel, $"{sat}.attributes", validator, code => int.TryParse(code, out var l) && l is >= 0 and <= 4 ? l : null));
                offers.Add(new PublishOffer(offerId, providerId, name, category, title, service.Description, capacity ?? 0, area, eligibility,
                    validFrom, validUntil, point, schedule, user.Id, now));
            }
        }
        validator.ThrowIfInvalid();

        // Nothing is saved unless every provider and offer is accepted: one commit, or a refusal and none.
        var created = new List<Guid>();
        foreach (var provider in providers)
        {
            var holder = await session.Query<Provider>().FirstOrDefaultAsync(p => p.CreditCode == provider.CreditCode && p.Id != provider.ProviderId, cancellationToken);
            if (holder is not null)
                throw new BuildingBlocks.Domain.DomainRuleViolation("provider.credit-code-taken",
                    $"Organization {provider.ProviderId}: provider {holder.Id} already has this credit code.");
            await session.DecideAsync<Provider>(provider.ProviderId, state => ProviderDecider.Decide(state, provider), cancellationToken);
        }
        foreach (var offer in offers)
        {
            var decision = await session.DecideAsync<Offer>(offer.OfferId, state =>
            {
                var events = OfferDecider.Decide(state, offer);
                if (events.Count == 0) return events;
                var profile = new Engine.OfferProfile(offer.OfferId, offer.ProviderId, offer.ProviderName, offer.Title, offer.Category, offer.Capacity, 0,
                    offer.Area, offer.Eligibility, offer.ValidFrom, offer.ValidUntil, offer.ServicePoint, offer.Schedule);
                return fanOut.Announce(profile, now) is { } announced ? [.. events, announced] : events;
            }, cancellationToken);
            if (!decision.ChangedNothing) created.Add(offer.OfferId);
        }
        await session.SaveChangesAsync(cancellationToken);
        foreach (var offerId in created) await fanOut.ProposeAsync(offerId, cancellationToken);
        return TypedResults.Ok(new DirectoryImported(providers.Count, offers.Count, created.Count));
    }

    private static async Task<IResult> ExportAsync(HttpRequest request, IQuerySession session, CancellationToken cancellationToken)
    {
        var directory = await DirectoryAsync(session, cancellationToken);
        var zip = request.Query["format"] == "csv" || request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(HsdsDataPackage.ContentType, StringComparison.OrdinalIgnoreCase));
        return zip ? TypedResults.File(HsdsDataPackage.Write(directory), HsdsDataPackage.ContentType, "hsds.zip") : TypedResults.Ok(directory);
    }

    private static async Task<HsdsDirectory> DirectoryAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var providers = await session.Query<Provider>().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var offers = (await session.Query<Offer>().Where(o => o.Status == OfferStatus.Active).ToListAsync(cancellationToken)).ToLookup(o => o.ProviderId);
        var organizations = providers.OrderBy(p => p.Id).Select(p => new HsdsOrganization(
            p.Id.ToString(), p.Name, $"{p.Kind} ({HsdsTaxonomies.ProviderKind})", p.Contact.Email,
            [new HsdsIdentifier(HsdsIds.For(p.Id, "identifier"), HsdsTaxonomies.CreditCodeScheme, "统一社会信用代码", p.CreditCode)],
            [new HsdsContact(HsdsIds.For(p.Id, "contact"), p.Contact.Name, [new HsdsPhone(HsdsIds.For(p.Id, "phone"), p.Contact.Phone)])],
            [Attribute(p.Id, HsdsTaxonomies.ProviderKind, p.Kind.ToString())],
            offers[p.Id].OrderBy(o => o.Id).Select(Service).ToList())).ToList();
        return new HsdsDirectory(organizations);
    }

    private static HsdsService Service(Offer o) => new(
        o.Id.ToString(), o.Title, o.Description, "active", o.Eligibility.MinAge, o.Eligibility.MaxAge,
        [
            Attribute(o.Id, HsdsTaxonomies.NeedCategory, o.Category.ToString()),
            .. o.Eligibility.ClientGroups.Select(g => Attribute(o.Id, HsdsTaxonomies.ClientGroup, g.ToString())),
            .. o.Eligibility.Categories.Select(c => Attribute(o.Id, HsdsTaxonomies.ClientCategory, c.ToString())),
            .. o.Eligibility.AbilityLevels.Select(l => Attribute(o.Id, HsdsTaxonomies.AbilityLevel, l.ToString())),
        ],
        [
            .. o.Area.Districts.Select(d => ServiceArea(o.Id, d, "district")),
            .. o.Area.Townships.Select(t => ServiceArea(o.Id, t, "township")),
            .. o.Area.Grids.Select(g => ServiceArea(o.Id, g, "grid")),
        ],
        [new HsdsSchedule(HsdsIds.For(o.Id, "schedule"), o.Schedule is null ? null : "WEEKLY",
            o.Schedule is null ? null : string.Join(",", o.Schedule.Days.Select(d => Days[((int)d + 6) % 7])),
            o.Schedule?.From.ToString("HH:mm:ss"), o.Schedule?.To.ToString("HH:mm:ss"), o.ValidFrom, o.ValidUntil)],
        [new HsdsCapacity(HsdsIds.For(o.Id, "capacity"), o.Capacity, o.FreeCapacity, new HsdsUnit(HsdsIds.For(Guid.Empty, "unit/places"), "places"), o.PublishedAt)],
        o.ServicePoint is { } point
            ? [new HsdsServiceAtLocation(HsdsIds.For(o.Id, "service-at-location"),
                new HsdsLocation(HsdsIds.For(o.Id, "location"), "physical", point.Latitude, point.Longitude))]
            : []);

    private static HsdsServiceArea ServiceArea(Guid offer, string name, string level) =>
        new(HsdsIds.For(offer, $"area/{level}/{name}"), name, [Attribute(offer, HsdsTaxonomies.AreaLevel, level)]);

    /// <summary>An attribute with its taxonomy term; HSDS requires the term's id, name and description.</summary>
    private static HsdsAttribute Attribute(Guid owner, string taxonomy, string code) =>
        new(HsdsIds.For(owner, $"attribute/{taxonomy}/{code}"),
            new HsdsTaxonomyTerm(HsdsIds.For(Guid.Empty, $"term/{taxonomy}/{code}"), code, code, $"{taxonomy}: {code}", taxonomy));

    /// <summary>HSDS numbers are JSON numbers: a whole one is taken as an int, anything else as missing.</summary>
    private static int? WholeNumber(double? value) =>
        value is { } v && Math.Floor(v) == v && v is >= int.MinValue and <= int.MaxValue ? (int)v : null;

    private static Guid Id(string? raw, string field, RequestValidator validator, HashSet<Guid> seen)
    {
        if (!Guid.TryParse(raw, out var id) || id == Guid.Empty) { validator.Fail(field, "is required and must be a GUID."); return Guid.Empty; }
        if (!seen.Add(id)) validator.Fail(field, $"{id} appears more than once.");
        return id;
    }

    private static T Term<T>(List<HsdsAttribute>? attributes, string taxonomy, string field, RequestValidator validator) where T : struct, Enum
    {
        var codes = attributes?.Where(a => a.TaxonomyTerm?.Taxonomy == taxonomy).Select(a => a.TaxonomyTerm!.Code).ToList() ?? [];
        if (codes.Count != 1 || !Enum.TryParse<T>(codes[0], out var value) || !Enum.IsDefined(value))
        {
            validator.Fail(field, $"must carry exactly one {taxonomy} term, one of: {string.Join(", ", Enum.GetNames<T>())}.");
            return default;
        }
        return value;
    }

    private static List<T> Terms<T>(List<HsdsAttribute>? attributes, string taxonomy, string field, RequestValidator validator) where T : struct, Enum =>
        Terms(attributes, taxonomy, field, validator, code => Enum.TryParse<T>(code, out var value) && Enum.IsDefined(value) ? value : (T?)null);

    private static List<T> Terms<T>(List<HsdsAttribute>? attributes, string taxonomy, string field, RequestValidator validator, Func<string?, T?> parse)
        where T : struct
    {
        var values = new List<T>();
        foreach (var term in attributes?.Where(a => a.TaxonomyTerm?.Taxonomy == taxonomy).Select(a => a.TaxonomyTerm!) ?? [])
            if (parse(term.Code) is { } value) { if (!values.Contains(value)) values.Add(value); }
            else validator.Fail(field, $"has a {taxonomy} term \"{term.Code}\" that is not known.");
        return values;
    }

    private static ServiceArea Area(List<HsdsServiceArea>? areas, string field, RequestValidator validator)
    {
        List<string> districts = [], townships = [], grids = [];
        foreach (var (area, n) in (areas ?? []).Select((a, n) => (a, n)))
        {
            var levels = area.Attributes?.Where(a => a.TaxonomyTerm?.Taxonomy == HsdsTaxonomies.AreaLevel).Select(a => a.TaxonomyTerm!.Code).ToList() ?? [];
            var list = levels is [var level] ? level switch { "district" => districts, "township" => townships, "grid" => grids, _ => null } : null;
            if (list is null || string.IsNullOrWhiteSpace(area.Name))
                validator.Fail($"{field}[{n}]", $"needs a name and one {HsdsTaxonomies.AreaLevel} attribute: district, township or grid.");
            else if (!list.Contains(area.Name.Trim())) list.Add(area.Name.Trim());
        }
        return new ServiceArea(districts, townships, grids);
    }

    private static (WeeklySchedule?, DateOnly, DateOnly?) Schedule(List<HsdsSchedule>? schedules, string field, RequestValidator validator, DateOnly today)
    {
        var first = schedules?.FirstOrDefault();
        var validFrom = first?.ValidFrom ?? today;
        validator.Check(first?.ValidTo is null || first.ValidTo >= validFrom, $"{field}[0].valid_to", "must not be before valid_from.");
        if (first?.ByDay is null) return (null, validFrom, first?.ValidTo);
        validator.Check(first.Freq == "WEEKLY", $"{field}[0].freq", "must be WEEKLY when byday is given.");
        var days = new List<DayOfWeek>();
        foreach (var code in first.ByDay.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var index = Array.IndexOf(Days, code);
            if (index < 0) validator.Fail($"{field}[0].byday", $"has \"{code}\"; use MO, TU, WE, TH, FR, SA, SU.");
            else days.Add((DayOfWeek)((index + 1) % 7));
        }
        var opens = TimeOnly.TryParse(first.OpensAt, out var o) ? o : (TimeOnly?)null;
        var closes = TimeOnly.TryParse(first.ClosesAt, out var c) ? c : (TimeOnly?)null;
        validator.Check(opens is not null, $"{field}[0].opens_at", "is required (HH:mm) with byday.");
        validator.Check(closes is not null && (opens is null || closes > opens), $"{field}[0].closes_at", "is required (HH:mm), after opens_at.");
        return (new WeeklySchedule(days, opens ?? default, closes ?? default), validFrom, first.ValidTo);
    }
}
