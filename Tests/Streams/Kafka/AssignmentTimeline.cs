namespace StreamOrleans.Tests.Streams.Kafka;

/// <summary>
/// The listener calls of one or more <see cref="RecordingAssignmentListener"/>s, in order, and a signal completed by
/// every new entry, so a test can await a condition over several members ("A and B together own everything") and be
/// woken by a change of any of them.
/// </summary>
internal sealed class AssignmentTimeline
{
    private readonly Lock _gate = new();
    private readonly List<string> _entries = [];
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many entries there are so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Completes when the next entry is added (take it before checking a condition, then await it).</summary>
    public Task NextEntry
    {
        get
        {
            lock (_gate)
            {
                return _next.Task;
            }
        }
    }

    /// <summary>The entries so far: "{name} assigned|revoke-start|revoked|lost {partitions}".</summary>
    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public void Add(string entry)
    {
        TaskCompletionSource next;
        lock (_gate)
        {
            _entries.Add(entry);
            next = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        next.TrySetResult();
    }

    public override string ToString() => string.Join("; ", Entries);
}
