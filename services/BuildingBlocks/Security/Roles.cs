namespace FiveSocieties.BuildingBlocks.Security;

/// <summary>The roles of DESIGN §6 (plus the station's coordinator and the district's duty officer). A token may carry several.</summary>
public static class Roles
{
    public const string Caseworker = "caseworker";
    public const string Supervisor = "supervisor";
    public const string Volunteer = "volunteer";
    public const string Provider = "provider";
    public const string Admin = "admin";
    /// <summary>A station's coordinator (协调员): plans and watches the volunteers' rounds.</summary>
    public const string Coordinator = "coordinator";
    /// <summary>A district's civil-affairs duty officer (区县民政值班): scoped by the district claim.</summary>
    public const string DistrictOfficer = "district-officer";

    public static readonly IReadOnlyList<string> All = [Caseworker, Supervisor, Volunteer, Provider, Admin, Coordinator, DistrictOfficer];
}

/// <summary>Claim names in our tokens (the same names a Keycloak mapper produces).</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Station = "station";
    public const string Name = "name";
    /// <summary>For provider users: the provider (organisation) they act for.</summary>
    public const string Provider = "provider";
    /// <summary>For district officers: the 6-digit code of the district (区/县) they serve.</summary>
    public const string District = "district";
}
