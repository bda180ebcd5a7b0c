using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StreamOrleans.Tests.Streaming.Support;

/// <summary>Keeps every formatted log message with its level, for tests that assert what a component warned about.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    /// <summary>The messages logged so far, in order.</summary>
    public ConcurrentQueue<(LogLevel Level, string Message)> Messages { get; } = new();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Messages.Enqueue((logLevel, formatter(state, exception)));
    }
}
