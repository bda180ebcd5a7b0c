namespace StreamOrleans.Streaming.Diagnostics;

/// <summary>
/// The silo's log stream providers report each committed queue offset here: the signal tests, tools and the crash
/// test's child process (<c>Silo:ReportCheckpoints</c>) await instead of polling.
/// </summary>
public sealed class LogCheckpoints
{
    /// <summary>Raised after a queue offset is durably committed. Handlers must be quick.</summary>
    public event Action<LogCheckpoint>? Committed;

    internal void OnCommitted(LogCheckpoint checkpoint) => Committed?.Invoke(checkpoint);
}
