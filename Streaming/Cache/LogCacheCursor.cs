using Orleans.Streams;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Streaming.Cache;

/// <summary>
/// One consumer's position in a stream's lane. Each move hands out every record the consumer has not seen yet (up to
/// <c>MaxEventsPerDelivery</c>) as one container, and confirms the records of the previous move: Orleans' pulling agent
/// moves a cursor again only after the previous delivery returned (or failed and went to the failure handler), and a
/// consumer that persists before returning has then persisted them. Confirmed records are released for purge and
/// commit; a cursor disposed mid-delivery confirms nothing, so those records are delivered again after a restart.
/// </summary>
internal sealed class LogCacheCursor : IQueueCacheCursor
{
    private readonly LogQueueCache _cache;
    private readonly StreamLane _lane;
    private readonly int _maxEvents;
    private long _next;
    private long _handedEnd;
    private LogBatchContainer? _current;
    private bool _disposed;

    public LogCacheCursor(LogQueueCache cache, StreamLane lane, long startSeq, int maxEvents)
    {
        _cache = cache;
        _lane = lane;
        _maxEvents = maxEvents;
        _next = _handedEnd = ConfirmedSeq = startSeq;
        lane.Cursors.Add(this);
    }

    /// <summary>Records of the lane below this sequence number were delivered to this cursor's consumer.</summary>
    public long ConfirmedSeq { get; private set; }

    /// <summary>The container handed out by the last move (what is being delivered now), if any.</summary>
    public LogBatchContainer? Current => _current;

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return _current;
    }

    [Obsolete("Use MoveNextWithResult instead.")]
    public bool MoveNext() => MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success;

    public QueueCacheCursorMoveResult MoveNextWithResult()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ConfirmedSeq = _handedEnd;
        var end = Math.Min(_lane.NextSeq, _next + _maxEvents);
        if (end <= _next)
        {
            _current = null;
            return QueueCacheCursorMoveResult.NoData;
        }

        _current = end - _next == 1 ? _lane.At(_next).Container : Join(_next, end);
        _next = _handedEnd = end;
        return QueueCacheCursorMoveResult.Success;
    }

    public void Refresh(StreamSequenceToken token)
    {
        // The lane is shared with the cache: records added since the last move are visible without a refresh.
    }

    public void RecordDeliveryFailure()
    {
        // The failure handler dead-letters the current container; the next move confirms it and the stream moves on.
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _cache.Remove(this, _lane);
    }

    private LogBatchContainer Join(long from, long end)
    {
        var first = _lane.At(from).Container;
        var events = new LogEvent[end - from];
        for (var seq = from; seq < end; seq++)
        {
            events[seq - from] = _lane.At(seq).Event;
        }

        return new LogBatchContainer(first.StreamId, first.Topic, first.Partition, events);
    }
}
