namespace FiveSocieties.LogScanTests;

/// <summary>
/// Issue 7, hardening: the services' log output over a full test run holds none of the names,
/// phone numbers, ID numbers, addresses, notes or webhook secrets the tests seeded. The
/// integration tests leave their capture (tests/…/Infrastructure/Capture) in
/// <c>$FIVESOC_TEST_CAPTURE_DIR</c> or <c>.local/test-capture</c>; deploy/test.sh runs this
/// project after them.
/// </summary>
public sealed class SeededPersonalDataInLogsTests
{
    [Fact]
    public void The_logs_of_the_test_run_contain_no_seeded_personal_value()
    {
        var directory = CaptureDirectory();
        Directory.Exists(directory).ShouldBeTrue($"no capture at {directory}: run deploy/test.sh, which runs the integration tests first");
        var personalFiles = Directory.GetFiles(directory, "personal-values-*.txt");
        var logFiles = Directory.GetFiles(directory, "service-log-*.txt");

        var values = personalFiles.SelectMany(File.ReadLines).ToHashSet(StringComparer.Ordinal);
        // A scan over nothing proves nothing: the run must have seeded people and the services must have logged.
        values.Count.ShouldBeGreaterThan(20, "the integration tests seeded almost no personal data; is the capture wired into ServiceHost?");
        logFiles.Sum(f => new FileInfo(f).Length).ShouldBeGreaterThan(0, "the services logged nothing at Information; is the capture wired in?");

        var scanner = new PersonalDataScanner(values);
        var leaks = logFiles.SelectMany(f => scanner.Scan(Path.GetFileName(f), File.ReadLines(f))).Take(20).ToList();

        leaks.ShouldBeEmpty(string.Join(Environment.NewLine, leaks.Select(l => $"{l.File}:{l.LineNumber} has \"{l.Value}\": {Truncate(l.Line)}")));
    }

    private static string Truncate(string line) => line.Length <= 300 ? line : line[..300] + "…";

    private static string CaptureDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("FIVESOC_TEST_CAPTURE_DIR");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FiveSocieties.sln"))) directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("FiveSocieties.sln not found"), ".local", "test-capture");
    }
}
