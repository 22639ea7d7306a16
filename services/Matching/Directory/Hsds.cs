// The resource directory in Open Referral's HSDS 3.0 JSON shape (organization → service with
// schedules, service_areas, service_at_locations/location and capacities from 3.1). Our own facts
// that HSDS has no field for travel as attributes with fivesoc taxonomies (need category,
// provider kind, client groups and categories, ability levels).
using System.Text.Json.Serialization;

namespace FiveSocieties.Matching.Directory;

public sealed record HsdsDirectory([property: JsonPropertyName("organizations")] List<HsdsOrganization>? Organizations);

public sealed record HsdsOrganization(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("organization_identifiers")] List<HsdsIdentifier>? OrganizationIdentifiers,
    [property: JsonPropertyName("contacts")] List<HsdsContact>? Contacts,
    [property: JsonPropertyName("attributes")] List<HsdsAttribute>? Attributes,
    [property: JsonPropertyName("services")] List<HsdsService>? Services);

public sealed record HsdsIdentifier(
    [property: JsonPropertyName("identifier_scheme")] string? IdentifierScheme,
    [property: JsonPropertyName("identifier_type")] string? IdentifierType,
    [property: JsonPropertyName("identifier")] string? Identifier);

public sealed record HsdsContact(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("phones")] List<HsdsPhone>? Phones);

public sealed record HsdsPhone([property: JsonPropertyName("number")] string? Number);

public sealed record HsdsAttribute([property: JsonPropertyName("taxonomy_term")] HsdsTaxonomyTerm? TaxonomyTerm);

public sealed record HsdsTaxonomyTerm(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("taxonomy")] string? Taxonomy);

public sealed record HsdsService(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("minimum_age")] int? MinimumAge,
    [property: JsonPropertyName("maximum_age")] int? MaximumAge,
    [property: JsonPropertyName("attributes")] List<HsdsAttribute>? Attributes,
    [property: JsonPropertyName("service_areas")] List<HsdsServiceArea>? ServiceAreas,
    [property: JsonPropertyName("schedules")] List<HsdsSchedule>? Schedules,
    [property: JsonPropertyName("capacities")] List<HsdsCapacity>? Capacities,
    [property: JsonPropertyName("service_at_locations")] List<HsdsServiceAtLocation>? ServiceAtLocations);

public sealed record HsdsServiceArea(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("extent_type")] string? ExtentType);

public sealed record HsdsSchedule(
    [property: JsonPropertyName("freq")] string? Freq,
    [property: JsonPropertyName("byday")] string? ByDay,
    [property: JsonPropertyName("opens_at")] string? OpensAt,
    [property: JsonPropertyName("closes_at")] string? ClosesAt,
    [property: JsonPropertyName("valid_from")] DateOnly? ValidFrom,
    [property: JsonPropertyName("valid_to")] DateOnly? ValidTo);

public sealed record HsdsCapacity(
    [property: JsonPropertyName("maximum")] int? Maximum,
    [property: JsonPropertyName("available")] int? Available,
    [property: JsonPropertyName("unit")] HsdsUnit? Unit);

public sealed record HsdsUnit([property: JsonPropertyName("name")] string? Name);

public sealed record HsdsServiceAtLocation([property: JsonPropertyName("location")] HsdsLocation? Location);

public sealed record HsdsLocation(
    [property: JsonPropertyName("latitude")] double? Latitude,
    [property: JsonPropertyName("longitude")] double? Longitude);

public static class HsdsTaxonomies
{
    public const string NeedCategory = "fivesoc:need-category";
    public const string ProviderKind = "fivesoc:provider-kind";
    public const string ClientGroup = "fivesoc:client-group";
    public const string ClientCategory = "fivesoc:client-category";
    public const string AbilityLevel = "fivesoc:ability-level";
    public const string CreditCodeScheme = "CN-USCC"; // 统一社会信用代码
}
