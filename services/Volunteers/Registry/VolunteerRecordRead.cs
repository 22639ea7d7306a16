// 查阅留痕 for volunteers: a coordinator (or admin) read a volunteer's name, phone and home on their
// record, the station's list of volunteers by name, or the names and distances offered for a
// reassignment. The volunteer reading their own record is not recorded: it is theirs. Ids and codes
// only; Cases puts it on the station's access audit.
using FiveSocieties.BuildingBlocks.Security;

namespace FiveSocieties.Volunteers.Registry;

/// <summary>
/// <see cref="What"/> is "volunteer-record" (one volunteer, <see cref="VolunteerId"/>) or
/// "volunteer-list" (<see cref="Shown"/> names, no one volunteer), or "reassign-candidates" (the
/// <see cref="Shown"/> names a coordinator was offered for one delivery, each with how far they live
/// from its household).
/// </summary>
public sealed record VolunteerRecordRead(
    Guid StationId, Guid? VolunteerId, string What, int Shown, Guid ReaderId, IReadOnlyList<string> ReaderRoles, DateTimeOffset At)
    : IAccessAuditEntry
{
    public const string Record = "volunteer-record", List = "volunteer-list", Candidates = "reassign-candidates";
}
