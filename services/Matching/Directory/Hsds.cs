using System.ComponentModel.DataAnnotations;
// The resource directory in Open Referral's HSDS 3.0 JSON shape (organization → service with
// schedules, service_areas, service_at_locations/location and capacities from 3.1), field names
// and required fields as in openreferral/specification's schema/*.json (branch 3.1-dev). Our own
// facts that HSDS has no field for travel as attributes with fivesoc taxonomies (need category,
// provider kind, client groups and categories, ability levels, and the administrative level of a
// service area: HSDS's extent_type names the format of an extent — geojson, kml… — not a level).
// Fields we do not use are ignored on import; every id HSDS requires is exported, derived from
// ours so that an export is the same every time.
using System.Text.Json;
using System.Text.Json.Serialization;
using FiveSocieties.BuildingBlocks.Domain;

namespace FiveSocieties.Matching.Directory;

public sealed record HsdsDirectory(
    [property: Required] [property: JsonPropertyName("organizations")] List<HsdsOrganization>? Organizations,
    [property: JsonPropertyName(HsdsVersions.Property)] IReadOnlyDictionary<string, string>? Versions = null);

/// <summary>
/// Which HSDS version each part of an export follows: 3.0, except the capacities (service_capacity
/// and unit), which 3.1 added. An export says so field by field, rather than calling all of it 3.0.
/// </summary>
public static class HsdsVersions
{
    public const string Base = "3.0.0";
    public const string Capacity = "3.1.0";
    public const string Property = "fivesoc:hsds_version";

    /// <summary>For the JSON export: "*" for every field not named, then the fields of a later version.</summary>
    public static IReadOnlyDictionary<string, string> ByField { get; } = new Dictionary<string, string>
    {
        ["*"] = Base,
        ["organizations[].services[].capacities"] = Capacity,
        ["organizations[].services[].capacities[].unit"] = Capacity,
    };
}

public sealed record HsdsOrganization(
    [property: Required] [property: JsonPropertyName("id")] string? Id,
    [property: Required] [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("organization_identifiers")] List<HsdsIdentifier>? OrganizationIdentifiers,
    [property: JsonPropertyName("contacts")] List<HsdsContact>? Contacts,
    [property: JsonPropertyName("attributes")] List<HsdsAttribute>? Attributes,
    [property: JsonPropertyName("services")] List<HsdsService>? Services);

public sealed record HsdsIdentifier(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("identifier_scheme")] string? IdentifierScheme,
    [property: JsonPropertyName("identifier_type")] string? IdentifierType,
    [property: JsonPropertyName("identifier")] string? Identifier);

public sealed record HsdsContact(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("phones")] List<HsdsPhone>? Phones);

public sealed record HsdsPhone([property: JsonPropertyName("id")] string? Id, [property: JsonPropertyName("number")] string? Number);

public sealed record HsdsAttribute(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("taxonomy_term")] HsdsTaxonomyTerm? TaxonomyTerm);

public sealed record HsdsTaxonomyTerm(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("taxonomy")] string? Taxonomy);

public sealed record HsdsService(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("minimum_age")] double? MinimumAge,
    [property: JsonPropertyName("maximum_age")] double? MaximumAge,
    [property: JsonPropertyName("attributes")] List<HsdsAttribute>? Attributes,
    [property: JsonPropertyName("service_areas")] List<HsdsServiceArea>? ServiceAreas,
    [property: JsonPropertyName("schedules")] List<HsdsSchedule>? Schedules,
    [property: JsonPropertyName("capacities")] List<HsdsCapacity>? Capacities,
    [property: JsonPropertyName("service_at_locations")] List<HsdsServiceAtLocation>? ServiceAtLocations);

public sealed record HsdsServiceArea(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("attributes")] List<HsdsAttribute>? Attributes);

public sealed record HsdsSchedule(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("freq")] string? Freq,
    [property: JsonPropertyName("byday")] string? ByDay,
    [property: JsonPropertyName("opens_at")] string? OpensAt,
    [property: JsonPropertyName("closes_at")] string? ClosesAt,
    [property: JsonPropertyName("valid_from")] DateOnly? ValidFrom,
    [property: JsonPropertyName("valid_to")] DateOnly? ValidTo);

public sealed record HsdsCapacity(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("maximum")] double? Maximum,
    [property: JsonPropertyName("available")] double? Available,
    [property: JsonPropertyName("unit")] HsdsUnit? Unit,
    [property: JsonPropertyName("updated")] DateTimeOffset? Updated);

public sealed record HsdsUnit([property: JsonPropertyName("id")] string? Id, [property: JsonPropertyName("name")] string? Name);

public sealed record HsdsServiceAtLocation(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("location")] HsdsLocation? Location);

public sealed record HsdsLocation(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("location_type")] string? LocationType,
    [property: JsonPropertyName("latitude")] double? Latitude,
    [property: JsonPropertyName("longitude")] double? Longitude);

public static class HsdsTaxonomies
{
    public const string NeedCategory = "fivesoc:need-category";
    public const string ProviderKind = "fivesoc:provider-kind";
    public const string ClientGroup = "fivesoc:client-group";
    public const string ClientCategory = "fivesoc:client-category";
    public const string AbilityLevel = "fivesoc:ability-level";
    public const string AreaLevel = "fivesoc:area-level"; // district, township or grid (网格)
    public const string CreditCodeScheme = "CN-USCC"; // 统一社会信用代码
}

/// <summary>Ids for the objects HSDS requires one for and we keep none: derived from the owner's id and what they are, so every export says the same.</summary>
public static class HsdsIds
{
    // Fixed: the same owner and role must give the same id in every export.
    private static readonly Guid Namespace = new("35baee14-5031-4fc4-a9b3-d0a4da5f1030");

    public static string For(Guid owner, string what) => NameBasedGuid.Create(Namespace, $"{owner:N}/{what}").ToString();
}

/// <summary>
/// The shapes HSDS JSON comes in: our directory ({"organizations": […]}), a page of the HSDS API
/// ({"contents": […], "total_items": …}), a list of organizations, or one organization (as in the
/// specification's own examples/organization_full.json).
/// </summary>
public static class HsdsJson
{
    public static HsdsDirectory? Directory(JsonElement json) => json switch
    {
        { ValueKind: JsonValueKind.Object } when json.TryGetProperty("organizations", out _) => json.Deserialize<HsdsDirectory>(JsonSerializerOptions.Web),
        { ValueKind: JsonValueKind.Object } when json.TryGetProperty("contents", out var contents) => new(contents.Deserialize<List<HsdsOrganization>>(JsonSerializerOptions.Web)),
        { ValueKind: JsonValueKind.Array } => new(json.Deserialize<List<HsdsOrganization>>(JsonSerializerOptions.Web)),
        { ValueKind: JsonValueKind.Object } when json.TryGetProperty("name", out _) => new([json.Deserialize<HsdsOrganization>(JsonSerializerOptions.Web)!]),
        _ => json.Deserialize<HsdsDirectory>(JsonSerializerOptions.Web),
    };
}
