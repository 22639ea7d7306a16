using System.Collections.Concurrent;
using System.Text;

namespace FiveSocieties.IntegrationTests.Infrastructure.Capture;

/// <summary>
/// What a test run leaves behind for the log scan (issue 7: "a test scans log output of a full
/// test run for the seeded names and phone numbers: zero hits"): every log line the services
/// wrote, and every personal value the tests sent them. Two append-only files per test process
/// in one directory — <c>$FIVESOC_TEST_CAPTURE_DIR</c>, or <c>.local/test-capture</c> of the
/// repository — which <c>deploy/test.sh</c> empties before the run and hands to
/// FiveSocieties.LogScanTests after it.
/// </summary>
public static class TestRunCapture
{
    public const string LogFilePrefix = "service-log-";
    public const string PersonalFilePrefix = "personal-values-";

    private static readonly Lazy<string> Directory = new(() =>
    {
        var configured = Environment.GetEnvironmentVariable("FIVESOC_TEST_CAPTURE_DIR");
        var directory = string.IsNullOrWhiteSpace(configured) ? Path.Combine(Repository.Root, ".local", "test-capture") : configured;
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    });

    private static readonly Lazy<StreamWriter> Logs = new(() => Open(LogFilePrefix));
    private static readonly Lazy<StreamWriter> Personal = new(() => Open(PersonalFilePrefix));
    private static readonly ConcurrentDictionary<string, byte> PersonalSeen = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>One log line, with its exception; line breaks are kept, the scan reads the whole text.</summary>
    public static void Log(string line)
    {
        lock (Gate) Logs.Value.WriteLine(line);
    }

    /// <summary>A personal value (name, phone, ID number, address, note, secret) a test sent a service; each once.</summary>
    public static void PersonalValue(string value)
    {
        var trimmed = value.Trim();
        // One character matches half the log; the scan looks for values a person can be found by.
        if (trimmed.Length < 2 || trimmed.Contains('\n') || !PersonalSeen.TryAdd(trimmed, 0)) return;
        lock (Gate) Personal.Value.WriteLine(trimmed);
    }

    private static StreamWriter Open(string prefix)
    {
        var path = Path.Combine(Directory.Value, $"{prefix}{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        return new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), new UTF8Encoding(false))
        {
            AutoFlush = true, // the test process may end without disposing static state; nothing must be lost
        };
    }
}
