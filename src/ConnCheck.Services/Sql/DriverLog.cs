using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConnCheck.Services.Sql;

/// <summary>
/// One category of a driver's log, read and never written: it tells what the driver's exceptions
/// leave out, such as when its TCP connect starts and ends (a check timeout in between is a
/// connect-timeout) or the socket error behind a connect it gave up on. Each event of
/// <paramref name="category"/> goes to <paramref name="read"/> with its id, its message template and
/// its exception; other categories are not logged at all.
/// </summary>
internal sealed class DriverLog(string category, Action<EventId, string?, Exception?> read) : ILoggerFactory, ILogger
{
    private const string TemplateKey = "{OriginalFormat}";

    public ILogger CreateLogger(string categoryName) =>
        string.Equals(categoryName, category, StringComparison.Ordinal) ? this : NullLogger.Instance;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("a driver log has no providers");

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        read(eventId, Template(state), exception);

    public void Dispose()
    {
    }

    // The message as the driver's source writes it, placeholders and all: its words, not its values.
    private static string? Template<TState>(TState state)
    {
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                if (key == TemplateKey)
                {
                    return value as string;
                }
            }
        }

        return null;
    }
}
