using System.Globalization;
using System.Text;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MiniExcelLibs;

namespace FiveSocieties.BuildingBlocks.Reports;

/// <summary>How a report is answered: JSON for the workbench, or a file to download.</summary>
public enum ReportFormat { Json, Xlsx, Csv }

/// <summary>A column of a report table: its header in both languages.</summary>
public sealed record ReportColumn(string ZhCN, string En)
{
    public string In(ReaderLanguage language) => language == ReaderLanguage.En ? En : ZhCN;
}

/// <summary>
/// One table of a report file: a sheet of the workbook, or a block of the CSV. Cells are numbers,
/// text or null; a totals row, when there is one, is the last row and its first cell says so.
/// </summary>
public sealed record ReportSheet(LocalText Name, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes a report's tables as .xlsx (one sheet each, header row in the reader's language) or as
/// CSV in UTF-8 with a byte-order mark, which Excel needs to read Chinese: the tables one after
/// another, each under its name and separated by an empty line.
/// </summary>
public static class ReportFile
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    public static readonly LocalText Total = new("合计", "Total");

    /// <summary>The <c>format</c> parameter: json (the default), xlsx or csv.</summary>
    public static ReportFormat ParseFormat(string? format, RequestValidator validator)
    {
        if (string.IsNullOrWhiteSpace(format)) return ReportFormat.Json;
        if (Enum.TryParse<ReportFormat>(format.Trim(), ignoreCase: true, out var parsed) && !int.TryParse(format, out _)) return parsed;
        validator.Fail("format", $"must be one of: {"json, xlsx, csv"}.");
        return ReportFormat.Json;
    }

    /// <summary>The file to download, named e.g. 台账_2026-12.xlsx.</summary>
    public static IResult Answer(ReportFormat format, string fileName, IReadOnlyList<ReportSheet> sheets, ReaderLanguage language) =>
        format switch
        {
            ReportFormat.Xlsx => Results.File(Xlsx(sheets, language), XlsxContentType, fileName + ".xlsx"),
            ReportFormat.Csv => Results.File(Csv(sheets, language), CsvContentType, fileName + ".csv"),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "JSON is the endpoint's own answer, not a file."),
        };

    public static byte[] Xlsx(IReadOnlyList<ReportSheet> sheets, ReaderLanguage language)
    {
        var workbook = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            var headers = sheet.Columns.Select(c => c.In(language)).ToArray();
            // MiniExcel takes the header row from the keys of the first row; an empty table still needs it.
            var rows = sheet.Rows.Count == 0
                ? [headers.ToDictionary(h => h, _ => (object?)null)]
                : sheet.Rows.Select(row => Row(headers, row)).ToList();
            workbook[SheetName(sheet.Name.In(language))] = rows;
        }
        using var stream = new MemoryStream();
        stream.SaveAs(workbook, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public static byte[] Csv(IReadOnlyList<ReportSheet> sheets, ReaderLanguage language)
    {
        var text = new StringBuilder();
        for (var i = 0; i < sheets.Count; i++)
        {
            var sheet = sheets[i];
            if (i > 0) text.Append("\r\n");
            if (sheets.Count > 1) text.Append(Field(sheet.Name.In(language))).Append("\r\n");
            text.AppendJoin(',', sheet.Columns.Select(c => Field(c.In(language)))).Append("\r\n");
            foreach (var row in sheet.Rows) text.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static Dictionary<string, object?> Row(string[] headers, IReadOnlyList<object?> cells)
    {
        var row = new Dictionary<string, object?>(headers.Length, StringComparer.Ordinal);
        for (var i = 0; i < headers.Length; i++) row[headers[i]] = i < cells.Count ? cells[i] : null;
        return row;
    }

    // Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(c => "[]:*?/\\".Contains(c) ? '_' : c).ToArray());
        return clean.Length <= 31 ? clean : clean[..31];
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => Field(s),
        IFormattable f => Field(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Field(value.ToString() ?? ""),
    };

    // RFC 4180: quote a field holding a comma, a quote or a line break, doubling the quotes. A field
    // that Excel would read as a formula (=, +, -, @ first) is prefixed with ' so a name cannot run one.
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0]) && !double.TryParse(value, CultureInfo.InvariantCulture, out _)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}

public static class ReportEndpoints
{
    /// <summary>
    /// What a report endpoint answers, for its OpenAPI document: <typeparamref name="TReport"/> as
    /// JSON, the Excel and CSV files, and the problems of its parameters and scope.
    /// </summary>
    public static RouteHandlerBuilder ProducesReport<TReport>(this RouteHandlerBuilder endpoint, bool mayBeNotFound = true)
    {
        endpoint.Produces<TReport>()
            .ProducesContent(ReportFile.XlsxContentType)
            .ProducesContent(ReportFile.CsvContentType, OpenApiAnswers.Body.Text)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return mayBeNotFound ? endpoint.ProducesProblem(StatusCodes.Status404NotFound) : endpoint;
    }
}
