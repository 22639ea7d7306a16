namespace FiveSocieties.BuildingBlocks.Security;

/// <summary>The five roles of DESIGN §6. A token may carry several.</summary>
public static class Roles
{
    public const string Caseworker = "caseworker";
    public const string Supervisor = "supervisor";
    public const string Volunteer = "volunteer";
    public const string Provider = "provider";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Caseworker, Supervisor, Volunteer, Provider, Admin];
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
}
