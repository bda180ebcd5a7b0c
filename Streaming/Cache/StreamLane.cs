using Orleans.Streams;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Streaming.Cache;

/// <summary>
/// The cached records of one stream (one key of one topic) in a queue, in offset order, numbered by a per-lane
/// sequence, with the cursors of the stream's consumers. A record is released (may be purged, and its offset
/// committed) once every cursor has confirmed it; with no cursor the lane keeps what it had released.
/// </summary>
internal sealed class StreamLane(StreamId streamId)
{
    private readonly List<CachedRecord> _records = [];
    private int _head;

    public StreamId StreamId { get; } = streamId;

    public List<LogCacheCursor> Cursors { get; } = [];

    /// <summary>Sequence number of the first record still held.</summary>
    public long FirstSeq { get; private set; }

    /// <summary>Sequence number the next added record gets.</summary>
    public long NextSeq => FirstSeq + (_records.Count - _head);

    /// <summary>Records with a lower sequence number are released. Never decreases.</summary>
    public long ReleasedSeq { get; private set; }

    public bool IsEmpty => _head == _records.Count;

    public void Add(CachedRecord record) => _records.Add(record);

    public CachedRecord At(long seq) => _records[_head + (int)(seq - FirstSeq)];

    /// <summary>The first held record whose offset is at or after <paramref name="offset"/>, else <see cref="NextSeq"/>.</summary>
    public long SeqAtOrAfter(long offset)
    {
        // Binary search: the records are in offset order.
        int low = _head, high = _records.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_records[mid].Event.Offset < offset)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return FirstSeq + (low - _head);
    }

    /// <summary>Recomputes <see cref="ReleasedSeq"/> from the live cursors and returns it.</summary>
    public long UpdateReleased()
    {
        if (Cursors.Count > 0)
        {
            var confirmed = long.MaxValue;
            foreach (var cursor in Cursors)
            {
                confirmed = Math.Min(confirmed, cursor.ConfirmedSeq);
            }

            ReleasedSeq = Math.Max(ReleasedSeq, confirmed);
        }

        return ReleasedSeq;
    }

    /// <summary>Drops the first held record (it was released and purged).</summary>
    public void RemoveFirst()
    {
        _records[_head] = default!;
        _head++;
        FirstSeq++;
        if (_head == _records.Count)
        {
            _records.Clear();
            _head = 0;
        }
        else if (_head >= 1024 && _head * 2 >= _records.Count)
        {
            _records.RemoveRange(0, _head);
            _head = 0;
        }
    }
}
