using FiveSocieties.BuildingBlocks.Security;
using Marten;

namespace FiveSocieties.BuildingBlocks.Reports;

/// <summary>
/// 导出留痕: someone took a report out of the system as a file. Recorded before the file is sent,
/// in the service that wrote it, on a stream of its own (an export never conflicts with anything).
/// <paramref name="Scope"/> is the station id, the district code or "city"; <paramref name="Rows"/>
/// how many rows the file holds, so a ledger that listed people can be told from one of counts.
/// </summary>
public sealed record ReportExported(
    Guid ExportId, string Report, string Scope, Guid? StationId, string? DistrictCode, string Month, string Format, int Rows,
    Guid ReaderId, IReadOnlyList<string> ReaderRoles, Guid? ReaderStationId, DateTimeOffset At) : IAccessAuditEntry;

public static class ReportExports
{
    /// <summary>Appends the export's audit event and commits it: the file is written only after this returns.</summary>
    public static async Task RecordAsync(
        IDocumentStore store, CurrentUser reader, string report, string scope, Guid? stationId, string? districtCode, ReportMonth month,
        ReportFormat format, int rows, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var exportId = Guid.CreateVersion7(at);
        await using var session = store.LightweightSession();
        session.Events.StartStream(exportId, new ReportExported(exportId, report, scope, stationId, districtCode, month.ToString(),
            format.ToString().ToLowerInvariant(), rows, reader.Id, reader.Roles.Order(StringComparer.Ordinal).ToList(), reader.StationId, at));
        await session.SaveChangesAsync(cancellationToken);
    }
}
