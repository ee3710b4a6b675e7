using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Testing;

/// <summary>A logger that keeps every entry's level, message and exception, to check what an adapter logs.</summary>
public sealed class RecordingLogger : ILogger
{
    /// <summary>Every entry, oldest first.</summary>
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Entries.Enqueue((logLevel, formatter(state, exception), exception));
    }
}
