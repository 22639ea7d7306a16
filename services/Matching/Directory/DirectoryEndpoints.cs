using System.Security.Claims;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Offers;
using FiveSocieties.Matching.Providers;
using FiveSocieties.Matching.Referrals;
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
/// <summary>What an import found: organizations and services read, how many services were new, and what was missing and taken by default.</summary>
public sealed record DirectoryImported(int Organizations, int Services, int NewServices, IReadOnlyList<DirectoryImportNote> Missing);

/// <summary>
/// A field the import did without: where (as a 400 would name it), a stable code for what was
/// missing, and what was done instead, in the reader's language.
/// </summary>
public sealed record DirectoryImportNote(string Field, string Code, string Note);

/// <summary>A note as the import takes it: its English kept as a phrase, said in the reader's language when answered.</summary>
internal sealed record MissingField(string Field, string Code, Phrase Note);

public static class DirectoryEndpoints
{
    private static readonly string[] Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public static void MapDirectory(this IEndpointRouteBuilder api)
    {
        // A provider imports its own organization and services (from its portal); only an admin imports others'.
        api.MapPost("/directory/hsds", ImportAsync).RequireRoles(Roles.Admin, Roles.Provider)
            // One Accepts: routing reads only the last, so two would turn the other format away with 415.
            .Accepts<HsdsDirectory>("application/json", HsdsDataPackage.ContentType)
            .WithSummary("Import providers and offers from HSDS 3.0 JSON or its tabular data package zip (all or nothing; 400 lists every problem with its file, row and column; what only we need is defaulted and listed in `missing`). A provider imports only its own organization.");
        api.MapGet("/directory/hsds", ExportAsync).RequireRoles(Roles.Admin, Roles.Supervisor, Roles.Caseworker, Roles.Provider)
            .Produces<HsdsDirectory>(StatusCodes.Status200OK, "application/json").ProducesContent(HsdsDataPackage.ContentType)
            .WithSummary("The directory (providers and their active offers) as HSDS 3.0 JSON, or as its tabular data package zip (Accept: application/zip or ?format=csv).");
    }

    /// <summary>Both formats become one HSDS graph; a package's problems are then named by file and row instead of JSON path.</summary>
    private static async Task<Results<Ok<DirectoryImported>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock, LocalCalendar calendar,
        ReferralProcess process, TextCatalogues texts, CancellationToken cancellationToken)
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
            try
            {
                var result = await ImportDirectoryAsync(package.Directory, principal, session, clock, calendar, process, texts, request.HttpContext, cancellationToken);
                // What was missing is named by file and row too, as the package's problems are.
                return TypedResults.Ok(result.Value! with { Missing = result.Value!.Missing.Select(n => n with { Field = package.Locate(n.Field) }).ToList() });
            }
            catch (InvalidRequest invalid) { throw package.Locate(invalid); }
        }
        if (!request.HasJsonContentType())
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: $"Send HSDS JSON as application/json or the tabular data package as {HsdsDataPackage.ContentType}.");
        HsdsDirectory? directory;
        // Handed to the shared problem mapping, which names the JSON error's path as body binding would have.
        try { directory = HsdsJson.Directory(await request.ReadFromJsonAsync<JsonElement>(cancellationToken)); }
        catch (JsonException error) { throw new BadHttpRequestException("The HSDS JSON cannot be read.", StatusCodes.Status400BadRequest, error); }
        return await ImportDirectoryAsync(directory ?? new HsdsDirectory(null), principal, session, clock, calendar, process, texts, request.HttpContext, cancellationToken);
    }

    private static async Task<Ok<DirectoryImported>> ImportDirectoryAsync(
        HsdsDirectory directory, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock, LocalCalendar calendar,
        ReferralProcess process, TextCatalogues texts, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var validator = new RequestValidator();
        var providers = new List<(RegisterProvider Command, string CreditCodeField)>();
        var offers = new List<PublishOffer>();
        var ids = new HashSet<Guid>();
        // Real directories from other tools lack what only we need (a credit code, our taxonomies, capacity,
        // coordinates): taken by default and reported, never refused. What is there must still be right.
        var missing = new List<MissingField>();
        var organizations = directory.Organizations ?? [];
        validator.Check(organizations.Count > 0, "organizations", "must list at least one organization.");
        for (var i = 0; i < organizations.Count; i++)
        {
            var org = organizations[i];
            var at = $"organizations[{i}]";
            var providerId = Id(org.Id, $"{at}.id", validator, ids);
            if (!user.IsIn(Roles.Admin) && providerId != Guid.Empty && providerId != user.ProviderId)
                validator.Fail($"{at}.id", "must be the id of the provider you act for: a provider imports only its own organization.");
            var name = validator.RequiredText(org.Name, $"{at}.name", 200);
            var identifier = org.OrganizationIdentifiers?.FirstOrDefault(x => x.IdentifierScheme == HsdsTaxonomies.CreditCodeScheme);
            var code = identifier?.Identifier?.Trim().ToUpperInvariant();
            if (identifier is null)
            {
                code = "";
                missing.Add(new($"{at}.organization_identifiers", "no-credit-code", $"no {HsdsTaxonomies.CreditCodeScheme} identifier: registered without a credit code."));
            }
            else if (CreditCode.Problem(code) is { } problem) validator.Fail($"{at}.organization_identifiers", $"{HsdsTaxonomies.CreditCodeScheme} identifier {problem}");
            var kind = HasTerm(org.Attributes, HsdsTaxonomies.ProviderKind)
                ? Term<ProviderKind>(org.Attributes, HsdsTaxonomies.ProviderKind, $"{at}.attributes", validator)
                : Defaulted(ProviderKind.SocialOrganization, $"{at}.attributes", "no-provider-kind", $"no {HsdsTaxonomies.ProviderKind} term: taken as {ProviderKind.SocialOrganization}.", missing);
            var contact = org.Contacts?.FirstOrDefault();
            string contactName, phone;
            if (contact is null)
            {
                (contactName, phone) = (name, "");
                missing.Add(new($"{at}.contacts", "no-contact", "no contact: the organization's name stands for it, with no phone."));
            }
            else
            {
                contactName = validator.RequiredText(contact.Name, $"{at}.contacts[0].name", 100);
                phone = contact.Phones?.FirstOrDefault()?.Number is { } number
                    ? validator.RequiredText(number, $"{at}.contacts[0].phones[0].number", 30)
                    : Defaulted("", $"{at}.contacts[0].phones", "no-phone", "no phone.", missing);
            }
            providers.Add((new RegisterProvider(providerId, name, kind, code ?? "", new ProviderContact(contactName, phone, org.Email),
                new ServiceArea([], [], []), user.Id, now), $"{at}.organization_identifiers"));

            var services = org.Services ?? [];
            for (var k = 0; k < services.Count; k++)
            {
                var service = services[k];
                var sat = $"{at}.services[{k}]";
                var offerId = Id(service.Id, $"{sat}.id", validator, ids);
                var title = validator.RequiredText(service.Name, $"{sat}.name", 200);
                validator.Check(service.Status is null or "active", $"{sat}.status", "must be \"active\" (only active services are offers).");
                NeedCategory category;
                if (HasTerm(service.Attributes, HsdsTaxonomies.NeedCategory))
                    category = Term<NeedCategory>(service.Attributes, HsdsTaxonomies.NeedCategory, $"{sat}.attributes", validator);
                else if (CategoryNamedIn(service) is { } named)
                    category = Defaulted(named, $"{sat}.attributes", "category-from-name", $"no {HsdsTaxonomies.NeedCategory} term: taken as {named}, which its name or description names.", missing);
                else
                {
                    // Without a category an offer matches nothing: the organization comes in, this service does not.
                    missing.Add(new($"{sat}.attributes", "no-category", $"no {HsdsTaxonomies.NeedCategory} term and no category in its name or description: not imported as an offer."));
                    continue;
                }
                int? capacity;
                if (service.Capacities is not [{ Maximum: not null }, ..])
                    capacity = Defaulted<int?>(DefaultCapacity, $"{sat}.capacities", "no-capacity",
                        $"no capacity (an HSDS 3.1 field): {DefaultCapacity} place, to be changed in the provider's portal.", missing);
                else
                {
                    capacity = WholeNumber(service.Capacities[0].Maximum);
                    validator.Check(capacity is >= 1 and <= 100_000, $"{sat}.capacities[0].maximum", "is required, a whole number between 1 and 100000.");
                }
                var minimumAge = WholeNumber(service.MinimumAge);
                var maximumAge = WholeNumber(service.MaximumAge);
                validator.Check(service.MinimumAge is null || minimumAge is >= 0 and <= 130, $"{sat}.minimum_age", "must be a whole number between 0 and 130.");
                validator.Check(service.MaximumAge is null || maximumAge is >= 0 and <= 130, $"{sat}.maximum_age", "must be a whole number between 0 and 130.");
                validator.Check(minimumAge is not { } min || maximumAge is not { } max || max >= min, $"{sat}.maximum_age", "must not be below minimum_age.");
                var area = Area(service.ServiceAreas, $"{sat}.service_areas", missing);
                var (schedule, validFrom, validUntil) = Schedule(service.Schedules, $"{sat}.schedules", validator, calendar.Today(now));
                var location = service.ServiceAtLocations?.FirstOrDefault()?.Location;
                GeoPoint? point = null;
                if (location is { Latitude: >= -90 and <= 90, Longitude: >= -180 and <= 180 })
                    point = new GeoPoint(location.Latitude.Value, location.Longitude.Value);
                else
                    missing.Add(location is null
                        ? new($"{sat}.service_at_locations[0].location", "no-location", "no location: matched by service area only, without distance.")
                        : new($"{sat}.service_at_locations[0].location", "no-coordinates",
                            $"no usable coordinates (latitude {location.Latitude}, longitude {location.Longitude}): matched by service area only, without distance."));
                var eligibility = new Eligibility(Terms<ClientGroup>(service.Attributes, HsdsTaxonomies.ClientGroup, $"{sat}.attributes", validator),
                    minimumAge, maximumAge, Terms<ClientCategory>(service.Attributes, HsdsTaxonomies.ClientCategory, $"{sat}.attributes", validator),
                    Terms<int>(service.Attributes, HsdsTaxonomies.AbilityLevel, $"{sat}.attributes", validator, code => int.TryParse(code, out var l) && l is >= 0 and <= 4 ? l : null));
                offers.Add(new PublishOffer(offerId, providerId, name, category, title, service.Description, capacity ?? 0, area, eligibility,
                    validFrom, validUntil, point, schedule, user.Id, now));
            }
        }
        validator.ThrowIfInvalid();

        // Nothing is saved unless every provider and offer is accepted: one commit, or a refusal and none.
        foreach (var (provider, creditCodeField) in providers) await session.RegisterProviderAsync(provider, creditCodeField, cancellationToken);
        var created = (await process.PublishOffersAsync(session, offers, cancellationToken)).Count(d => !d.ChangedNothing);
        var language = http.AnswerInReaderLanguage();
        return TypedResults.Ok(new DirectoryImported(providers.Count, offers.Count, created,
            [.. missing.Select(m => new DirectoryImportNote(m.Field, m.Code, texts.Say("import." + m.Code, m.Note, language)))]));
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
            p.CreditCode.Length == 0 ? [] : [new HsdsIdentifier(HsdsIds.For(p.Id, "identifier"), HsdsTaxonomies.CreditCodeScheme, "统一社会信用代码", p.CreditCode)],
            [new HsdsContact(HsdsIds.For(p.Id, "contact"), p.Contact.Name, [new HsdsPhone(HsdsIds.For(p.Id, "phone"), p.Contact.Phone)])],
            [Attribute(p.Id, HsdsTaxonomies.ProviderKind, p.Kind.ToString())],
            offers[p.Id].OrderBy(o => o.Id).Select(Service).ToList())).ToList();
        return new HsdsDirectory(organizations, HsdsVersions.ByField);
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

    /// <summary>Places an imported service without a capacity gets: the fewest that can still be referred to.</summary>
    private const int DefaultCapacity = 1;

    private static T Defaulted<T>(T value, string field, string code, Phrase note, List<MissingField> missing)
    {
        missing.Add(new(field, code, note));
        return value;
    }

    private static bool HasTerm(List<HsdsAttribute>? attributes, string taxonomy) =>
        attributes?.Any(a => a.TaxonomyTerm?.Taxonomy == taxonomy) == true;

    /// <summary>A need category a service names in its own words ("Community Counselling"): the one found, if exactly one.</summary>
    private static NeedCategory? CategoryNamedIn(HsdsService service)
    {
        var text = $"{service.Name} {service.Description}";
        var named = Enum.GetValues<NeedCategory>()
            .Where(c => System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{SpacedWords(c.ToString())}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            .ToList();
        return named is [var only] ? only : null;
    }

    /// <summary>"MealDelivery" → "Meal\s*Delivery": the enum's words as people write them.</summary>
    private static string SpacedWords(string name) => System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", @"\s*");

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

    private static ServiceArea Area(List<HsdsServiceArea>? areas, string field, List<MissingField> missing)
    {
        List<string> districts = [], townships = [], grids = [];
        foreach (var (area, n) in (areas ?? []).Select((a, n) => (a, n)))
        {
            var levels = area.Attributes?.Where(a => a.TaxonomyTerm?.Taxonomy == HsdsTaxonomies.AreaLevel).Select(a => a.TaxonomyTerm!.Code).ToList() ?? [];
            var list = levels is [var level] ? level switch { "district" => districts, "township" => townships, "grid" => grids, _ => null } : null;
            // An area in words ("all residents of MyCity") is HSDS's own; only our codes can be matched on.
            if (list is null || string.IsNullOrWhiteSpace(area.Name))
                missing.Add(new($"{field}[{n}]", "no-area-code", $"no name with one {HsdsTaxonomies.AreaLevel} attribute (district, township or grid): not used for matching."));
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
