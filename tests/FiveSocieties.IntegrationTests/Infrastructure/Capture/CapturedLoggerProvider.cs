using Microsoft.Extensions.Logging;

namespace FiveSocieties.IntegrationTests.Infrastructure.Capture;

/// <summary>
/// Writes every log entry of a service under test to the run's capture, at Information and
/// above — the level the services run at in production — whatever the console shows.
/// </summary>
public sealed class CapturedLoggerProvider(string service) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturedLogger(service, categoryName);

    public void Dispose() { }

    private sealed class CapturedLogger(string service, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            // The structured values too: a sink such as the JSON console or an OTLP exporter ships them
            // even when the message template leaves them out.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(' ', pairs.Where(p => p.Key != "{OriginalFormat}").Select(p => $"{p.Key}={p.Value}"))
                : "";
            TestRunCapture.Log($"{logLevel} {service} {category}: {formatter(state, exception)} {values}{(exception is null ? "" : Environment.NewLine + exception)}");
        }
    }
}
