using System.Text.Json.Serialization;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;
using JasperFx.Events;

namespace FiveSocieties.Cases.Staff;

/// <summary>
/// One person's place on the rosters as their events made it (kept inline by Marten, queried by
/// station and by district): on one roster at a time, or on none once they left.
/// </summary>
public sealed record StaffMember(
    Guid Id, Guid PersonId, StaffRole? Role, Guid? StationId, string? DistrictCode, string? Name, DateTimeOffset? Since, long Version)
{
    // A fixed namespace for name-based staff stream ids; changing it would orphan every person's roster stream.
    private static readonly Guid StaffNamespace = new("6b1e9f4a-2c7d-5a3e-8f60-4d9b2a7c1e85");

    /// <summary>
    /// One stream per person, its id derived from the person's: every writer finds the same stream,
    /// and its version guards "one post at a time" against two joins racing.
    /// </summary>
    public static Guid StreamId(Guid personId) => NameBasedGuid.Create(StaffNamespace, "staff:" + personId.ToString("D"));

    /// <summary>The roster the person is on now; null once they left.</summary>
    [JsonIgnore]
    public Roster? Roster => Role is null || DistrictCode is null ? null : new Roster(StationId, DistrictCode);

    public static StaffMember Create(IEvent<StaffJoined> joined) =>
        new StaffMember(joined.StreamId, joined.Data.PersonId, null, null, null, null, null, joined.Version).Apply(joined.Data);

    public StaffMember Apply(StaffJoined joined) => this with
    {
        Role = joined.Role,
        StationId = joined.StationId,
        DistrictCode = joined.DistrictCode,
        Name = joined.Name,
        Since = joined.JoinedAt,
    };

    public StaffMember Apply(StaffRoleChanged changed) => this with { Role = changed.Role };

    public StaffMember Apply(StaffLeft left) => this with
    {
        Role = null, StationId = null, DistrictCode = null, Name = null, Since = null,
    };
}
