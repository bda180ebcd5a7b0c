using Orleans.Runtime;
using Orleans.Streams;
using StreamOrleans.Streaming.Cache;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Tests.Streaming.Cache;

/// <summary>
/// The queue cache's contract with Orleans' pulling agent: a cursor hands out a stream's pending records as one
/// container, a record is confirmed when the cursor moves again, and the committable offset never passes a record
/// some cursor has not confirmed.
/// </summary>
public class LogQueueCacheTests
{
    private const string Topic = "t";
    private static readonly QueueId Queue = QueueId.GetQueueId(Topic, 0, 1);

    [Fact]
    public void A_cursor_hands_out_its_streams_pending_records_in_one_container()
    {
        var cache = NewCache();
        cache.Reset(0);
        cache.AddToCache([Record("a", 0), Record("b", 1), Record("a", 2), Record("a", 3)]);
        using var cursor = cache.GetCacheCursor(Stream("a"), null);

        Assert.Equal(QueueCacheCursorMoveResultKind.Success, cursor.MoveNextWithResult().Kind);
        var batch = (LogBatchContainer)cursor.GetCurrent(out _)!;

        Assert.Equal([0L, 2, 3], batch.Events.Select(e => e.Offset));
        Assert.Equal(3, batch.SequenceToken.SequenceNumber);
        Assert.Equal(QueueCacheCursorMoveResultKind.NoData, cursor.MoveNextWithResult().Kind);
    }

    [Fact]
    public void A_record_is_released_only_after_the_cursor_moves_past_its_delivery()
    {
        var cache = NewCache();
        cache.Reset(10);
        cache.AddToCache([Record("a", 10), Record("b", 11)]);
        using var a = cache.GetCacheCursor(Stream("a"), null);
        using var b = cache.GetCacheCursor(Stream("b"), null);

        a.MoveNextWithResult();
        b.MoveNextWithResult();
        Assert.False(cache.TryPurgeFromCache(out _));
        Assert.Equal(10, cache.CommittableOffset);

        // b's delivery returned (the agent moves b again): b is confirmed, but a's record still holds the offset.
        b.MoveNextWithResult();
        Assert.False(cache.TryPurgeFromCache(out _));
        Assert.Equal(10, cache.CommittableOffset);

        a.MoveNextWithResult();
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal(2, purged.Count);
        Assert.Equal(12, cache.CommittableOffset);
    }

    [Fact]
    public void Every_consumer_of_a_stream_must_confirm_a_record()
    {
        var cache = NewCache();
        cache.Reset(0);
        cache.AddToCache([Record("a", 0)]);
        using var first = cache.GetCacheCursor(Stream("a"), null);
        using var second = cache.GetCacheCursor(Stream("a"), null);

        first.MoveNextWithResult();
        first.MoveNextWithResult();
        Assert.Equal(0, cache.CommittableOffset);

        second.MoveNextWithResult();
        second.MoveNextWithResult();
        cache.TryPurgeFromCache(out _);
        Assert.Equal(1, cache.CommittableOffset);
    }

    [Fact]
    public void A_cursor_disposed_mid_delivery_releases_nothing_it_handed_out()
    {
        var cache = NewCache();
        cache.Reset(0);
        cache.AddToCache([Record("a", 0), Record("a", 1)]);
        var cursor = cache.GetCacheCursor(Stream("a"), null);
        cursor.MoveNextWithResult();
        cursor.Dispose();

        Assert.False(cache.TryPurgeFromCache(out _));
        Assert.Equal(0, cache.CommittableOffset);

        // A new consumer cursor (the agent's recovery) starts at the first unreleased record, not later.
        using var again = cache.GetCacheCursor(Stream("a"), new LogSequenceToken(Topic, 0, 1));
        again.MoveNextWithResult();
        Assert.Equal([0L, 1], ((LogBatchContainer)again.GetCurrent(out _)!).Events.Select(e => e.Offset));
    }

    [Fact]
    public void Deliveries_are_capped_at_MaxEventsPerDelivery()
    {
        var cache = new LogQueueCache(Queue, new LogStreamOptions { MaxEventsPerDelivery = 2 });
        cache.Reset(0);
        cache.AddToCache([Record("a", 0), Record("a", 1), Record("a", 2)]);
        using var cursor = cache.GetCacheCursor(Stream("a"), null);

        cursor.MoveNextWithResult();
        Assert.Equal(2, ((LogBatchContainer)cursor.GetCurrent(out _)!).Events.Length);
        cursor.MoveNextWithResult();
        Assert.Single(((LogBatchContainer)cursor.GetCurrent(out _)!).Events);
    }

    [Fact]
    public void The_queue_is_under_pressure_at_MaxCachedEvents_unconfirmed_records()
    {
        var cache = new LogQueueCache(Queue, new LogStreamOptions { MaxCachedEvents = 16, ReadBatchSize = 10 });
        cache.Reset(0);
        Assert.Equal(10, cache.GetMaxAddCount());
        cache.AddToCache([.. Enumerable.Range(0, 16).Select(i => Record("a", i))]);
        Assert.True(cache.IsUnderPressure());

        using var cursor = cache.GetCacheCursor(Stream("a"), null);
        cursor.MoveNextWithResult();
        cursor.MoveNextWithResult();
        cache.TryPurgeFromCache(out _);
        Assert.False(cache.IsUnderPressure());
        Assert.Equal(16, cache.CommittableOffset);
    }

    [Fact]
    public void Dead_lettered_reads_move_the_committable_offset_when_nothing_is_pending()
    {
        var cache = NewCache();
        cache.Reset(5);
        cache.SkipTo(9);
        Assert.Equal(9, cache.CommittableOffset);
    }

    private static LogQueueCache NewCache() => new(Queue, new LogStreamOptions());

    private static StreamId Stream(string key) => StreamId.Create(Topic, key);

    private static LogBatchContainer Record(string key, long offset) =>
        new(Stream(key), Topic, 0, [new LogEvent(offset, DateTimeOffset.UnixEpoch, "{}"u8.ToArray(), null, null)]);
}
