namespace FiveSocieties.Cases.Auditing;

/// <summary>
/// A volunteer's name, phone and home were read by someone other than them (Volunteers: their
/// record, or <see cref="Shown"/> names on the station's list or among a delivery's reassignment
/// candidates). On the station's audit stream, so
/// the station's one access audit lists volunteers' data beside clients'.
/// </summary>
public sealed record VolunteerDataRead(
    Guid StationId, Guid? VolunteerId, string What, int Shown, Guid ReaderId, IReadOnlyList<string> ReaderRoles, DateTimeOffset At);
