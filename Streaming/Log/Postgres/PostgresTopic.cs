namespace StreamOrleans.Streaming.Log.Postgres;

/// <summary>A topic as cached by <see cref="PostgresStreamLog"/>: its row id, its description, and one wake-up signal per partition.</summary>
internal sealed class PostgresTopic(int id, TopicInfo info)
{
    private readonly Lock _refreshGate = new();
    private Task _refresh = Task.CompletedTask;
    private long _refreshStarted;
    private bool _refreshed;

    public int Id { get; } = id;

    public TopicInfo Info { get; } = info;

    public Sqlite.PartitionSignal[] Signals { get; } = Enumerable.Range(0, info.Partitions).Select(_ => new Sqlite.PartitionSignal(0)).ToArray();

    /// <summary>
    /// Reads the end offsets of every partition (<paramref name="read"/> advances <see cref="Signals"/>) on behalf of all
    /// the topic's waiting queues: a caller joins a read in flight, and gets none at all when the last one started less
    /// than <paramref name="minInterval"/> ago (it then sleeps its poll interval, as it would after its own read).
    /// </summary>
    public Task RefreshEndsAsync(Func<Task> read, TimeSpan minInterval, TimeProvider timeProvider)
    {
        lock (_refreshGate)
        {
            if (!_refresh.IsCompleted)
            {
                return _refresh;
            }

            if (_refreshed && _refresh.IsCompletedSuccessfully && timeProvider.GetElapsedTime(_refreshStarted) < minInterval)
            {
                return Task.CompletedTask;
            }

            _refreshed = true;
            _refreshStarted = timeProvider.GetTimestamp();
            return _refresh = read();
        }
    }
}
