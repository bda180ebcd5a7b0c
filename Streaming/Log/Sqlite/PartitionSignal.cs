namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>
/// The highest end offset this process knows for one partition, and a one-shot signal that is completed (and
/// replaced) whenever that end moves forward, so waiters wake without polling.
/// </summary>
internal sealed class PartitionSignal
{
    private long _end;
    private TaskCompletionSource _changed = NewSource();

    public PartitionSignal(long end) => _end = end;

    /// <summary>The known end offset (the offset the next record will get).</summary>
    public long End => Volatile.Read(ref _end);

    /// <summary>
    /// The task completed at the next forward move. Read it BEFORE checking <see cref="End"/>: a move that happens
    /// after the read completes this task, and a move before it is visible in <see cref="End"/>.
    /// </summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>Raises the known end to <paramref name="end"/> if it is higher, then wakes waiters.</summary>
    public void Advance(long end)
    {
        var current = Volatile.Read(ref _end);
        while (end > current)
        {
            var seen = Interlocked.CompareExchange(ref _end, end, current);
            if (seen == current)
            {
                Interlocked.Exchange(ref _changed, NewSource()).TrySetResult();
                return;
            }

            current = seen;
        }
    }

    /// <summary>
    /// Completes when <see cref="End"/> passes <paramref name="offset"/>: at once for an advance in this process, and
    /// within <paramref name="pollInterval"/> for appends elsewhere, which <paramref name="readEnd"/> (the log's
    /// authoritative end offset) reveals. Throws <see cref="OperationCanceledException"/> when <paramref name="token"/> is cancelled.
    /// </summary>
    public async Task WaitPastAsync(long offset, Func<CancellationToken, Task<long>> readEnd, TimeSpan pollInterval, TimeProvider timeProvider, CancellationToken token)
    {
        while (true)
        {
            var changed = Changed;
            if (End > offset)
            {
                return;
            }

            token.ThrowIfCancellationRequested();
            Advance(await readEnd(token));
            if (End > offset)
            {
                return;
            }

            await Task.WhenAny(changed, Task.Delay(pollInterval, timeProvider, token));
            token.ThrowIfCancellationRequested();
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
