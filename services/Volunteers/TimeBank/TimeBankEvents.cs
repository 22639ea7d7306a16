using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.TimeBank;

/// <summary>
/// 时间银行: one ledger entry. Double entry: the station's pool is debited and the volunteer's
/// account credited by the same hours (see <see cref="Ledger.Postings"/>).
/// </summary>
public sealed record HoursCredited(
    Guid EntryId, Guid VolunteerId, Guid StationId, decimal Hours, HoursSource Source, Guid? TaskId, string? Note, DateTimeOffset CreditedAt);

/// <summary>
/// A volunteer reported hours of their own (e.g. an errand for a neighbour); a coordinator confirms
/// them. Reported on the phone at <paramref name="ReportedAt"/>, perhaps offline; it reached us at <paramref name="RecordedAt"/>.
/// </summary>
public sealed record HoursReported(
    Guid ReportId, Guid VolunteerId, Guid StationId, decimal Hours, DateOnly Date, string Note, DateTimeOffset ReportedAt,
    DateTimeOffset? RecordedAt = null);

public sealed record ReportedHoursRejected(Guid ReportId, Guid VolunteerId, string Reason, Guid RejectedBy, DateTimeOffset RejectedAt);
