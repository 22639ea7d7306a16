using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;

namespace FiveSocieties.BuildingBlocks.Reports;

/// <summary>
/// A report's parameters, checked on their fields: the month (yyyy-MM, this month by default),
/// the format (json, xlsx, csv) and, for the district reports, the district — a district
/// officer's own (the default for them), any for an admin, none for an admin's whole city.
/// </summary>
public sealed record ReportRequest(ReportMonth Month, ReportFormat Format, string? District)
{
    public const string DistrictNotYours = "report.district-not-yours";

    public static ReportRequest ForStation(string? month, string? format, DateOnly today)
    {
        var validator = new RequestValidator();
        var request = new ReportRequest(ReportMonth.Parse(month, today, validator), ReportFile.ParseFormat(format, validator), null);
        validator.ThrowIfInvalid();
        return request;
    }

    public static ReportRequest ForDistrict(CurrentUser reader, string? month, string? format, string? district, DateOnly today)
    {
        var validator = new RequestValidator();
        var asked = ReportMonth.Parse(month, today, validator);
        var answerAs = ReportFile.ParseFormat(format, validator);
        district = string.IsNullOrWhiteSpace(district) ? null : district.Trim();
        validator.Check(district is null || district is { Length: 6 } && district.All(char.IsAsciiDigit),
            "district", "must be a 6-digit district code, e.g. 140213.");
        validator.ThrowIfInvalid();
        if (!reader.IsIn(Roles.Admin)) EnsureReads(reader, district ??= reader.DistrictCode);
        return new ReportRequest(asked, answerAs, district);
    }

    /// <summary>A district's reports and records are its own officer's and an admin's to read: anyone else's is a 403 naming it.</summary>
    public static void EnsureReads(CurrentUser reader, string? district)
    {
        if (reader.IsIn(Roles.Admin) || (district is not null && district == reader.DistrictCode)) return;
        throw new ActionForbidden(DistrictNotYours,
            $"district {district ?? "(none)"} is not yours: you read the reports and records of district {reader.DistrictCode ?? "(none)"} only.");
    }
}
