using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>
/// Keeps the exceptions the host's exception handler logged (the cause of each 500), so that a fuzz failure shows
/// its stack trace, not only the client's view of it.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    /// <summary>Most exceptions kept.</summary>
    public const int Capacity = 100;

    private const string Category = "Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware";

    private readonly ConcurrentQueue<string> _errors = new();

    /// <summary>The exceptions logged so far, oldest first.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Logger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(ServerErrorLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && log._errors.Count < Capacity)
            {
                log._errors.Enqueue(exception.ToString());
            }
        }
    }
}
