// 查阅留痕: every time a recipient's name, address and phone were shown — on a volunteer's task or on
// the coordinator's list of enrolments — or their home's place on the dispatch board's map, who read
// them and when. Each list's reads are a stream of their own, so reading never waits for or
// conflicts with anyone.
using FiveSocieties.BuildingBlocks.Security;

namespace FiveSocieties.Volunteers.Enrolments;

/// <summary>
/// A recipient's details were shown to <paramref name="ReaderId"/>: on <paramref name="VolunteerId"/>'s
/// task (<paramref name="Where"/> "volunteer-task"), or on the station's list of meal enrolments
/// ("meal-enrolments", no task and no volunteer), or their home's place, to about 100 m, on the
/// dispatch board's map of a day ("dispatch-map", the delivery and no volunteer).
/// </summary>
public sealed record RecipientDetailsRead(
    Guid CaseId, Guid StationId, Guid DeliveryId, Guid VolunteerId, Guid ReaderId, IReadOnlyList<string> ReaderRoles, DateTimeOffset At,
    string Where = RecipientDetailsRead.OnTask) : IAccessAuditEntry
{
    public const string OnTask = "volunteer-task", OnEnrolments = "meal-enrolments", OnDayMap = "dispatch-map";
}

