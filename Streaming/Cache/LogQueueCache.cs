using System.Diagnostics.CodeAnalysis;
using Orleans.Streams;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Streaming.Cache;

/// <summary>
/// The cache of one queue (one partition of a topic) between the receiver and Orleans' pulling agent. Unlike
/// Orleans' SimpleQueueCache, whose cursors scan every cached record of the queue, records are kept per stream
/// (<see cref="StreamLane"/>), so a cursor finds its next records in O(1) with thousands of keys per queue, and a
/// record stays until every consumer cursor of its stream confirmed it. The oldest unconfirmed record bounds the
/// offset the receiver may commit (<see cref="CommittableOffset"/>): a committed offset never passes a record some
/// consumer has not applied. All members run on the pulling agent's turn; none is thread-safe.
/// </summary>
internal sealed class LogQueueCache(QueueId queueId, LogStreamOptions options) : IQueueCache
{
    private readonly Dictionary<StreamId, StreamLane> _lanes = [];
    private readonly Queue<CachedRecord> _records = new();
    private long _endOffset;

    public QueueId QueueId { get; } = queueId;

    /// <summary>Records held (not yet purged).</summary>
    public int Count => _records.Count;

    /// <summary>Streams with records or cursors.</summary>
    public int StreamCount => _lanes.Count;

    /// <summary>
    /// The offset the queue may commit: that of the oldest record not yet released, or the end of what was read when
    /// every record is released. Everything before it was applied by every consumer (or dead-lettered).
    /// </summary>
    public long CommittableOffset => _records.TryPeek(out var oldest) ? oldest.Event.Offset : _endOffset;

    /// <summary>Sets where the queue starts reading (its committed offset).</summary>
    public void Reset(long offset) => _endOffset = offset;

    /// <summary>Notes that records before <paramref name="offset"/> were read and none of them needs delivery (all dead-lettered).</summary>
    public void SkipTo(long offset) => _endOffset = Math.Max(_endOffset, offset);

    public int GetMaxAddCount() => Math.Max(1, Math.Min(options.ReadBatchSize, options.MaxCachedEvents - _records.Count));

    public bool IsUnderPressure() => _records.Count >= options.MaxCachedEvents;

    public void AddToCache(IList<IBatchContainer> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            var container = (LogBatchContainer)message;
            var lane = LaneOf(container.StreamId);
            var record = new CachedRecord(container, lane, lane.NextSeq);
            lane.Add(record);
            _records.Enqueue(record);
            _endOffset = Math.Max(_endOffset, container.Events[^1].Offset + 1);
        }
    }

    public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        List<IBatchContainer>? purged = null;
        while (_records.TryPeek(out var oldest) && oldest.LaneSeq < oldest.Lane.UpdateReleased())
        {
            _records.Dequeue();
            oldest.Lane.RemoveFirst();
            (purged ??= []).Add(oldest.Container);
            ForgetIfIdle(oldest.Lane);
        }

        purgedItems = purged;
        return purged is not null;
    }

    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token) => CursorAtToken(streamId, token);

    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursor(StreamId streamId, StreamSequenceToken? token) =>
        QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(CursorAtToken(streamId, token));

    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursorAtPosition(StreamId streamId, StreamSubscriptionStartPosition position)
    {
        var lane = LaneOf(streamId);
        var start = position == StreamSubscriptionStartPosition.Latest ? lane.NextSeq : lane.FirstSeq;
        return QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(new LogCacheCursor(this, lane, start, options.MaxEventsPerDelivery));
    }

    /// <summary>The container a cursor of <paramref name="streamId"/> is delivering whose last record has <paramref name="token"/>.</summary>
    public LogBatchContainer? FindDelivery(StreamId streamId, StreamSequenceToken? token)
    {
        if (token is null || !_lanes.TryGetValue(streamId, out var lane))
        {
            return null;
        }

        foreach (var cursor in lane.Cursors)
        {
            if (cursor.Current is { } current && current.SequenceToken.Equals(token))
            {
                return current;
            }
        }

        return null;
    }

    internal void Remove(LogCacheCursor cursor, StreamLane lane)
    {
        lane.UpdateReleased();
        lane.Cursors.Remove(cursor);
        ForgetIfIdle(lane);
    }

    private LogCacheCursor CursorAtToken(StreamId streamId, StreamSequenceToken? token)
    {
        var lane = LaneOf(streamId);

        // Start at the requested record, but never after one not yet released: a consumer may get a record again
        // (exactly-once consumers skip it), it never misses one.
        var unreleased = Math.Max(lane.ReleasedSeq, lane.FirstSeq);
        var start = token is null ? unreleased : Math.Min(lane.SeqAtOrAfter(token.SequenceNumber), unreleased);
        return new LogCacheCursor(this, lane, start, options.MaxEventsPerDelivery);
    }

    private StreamLane LaneOf(StreamId streamId)
    {
        if (!_lanes.TryGetValue(streamId, out var lane))
        {
            lane = new StreamLane(streamId);
            _lanes.Add(streamId, lane);
        }

        return lane;
    }

    private void ForgetIfIdle(StreamLane lane)
    {
        if (lane.IsEmpty && lane.Cursors.Count == 0)
        {
            _lanes.Remove(lane.StreamId);
        }
    }
}
