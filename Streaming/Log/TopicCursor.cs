namespace StreamOrleans.Streaming.Log;

/// <summary>
/// Reads one topic from the start of every partition and then only what is new, outside any consumer group: for
/// models that are materialized views of a whole topic (Kappa style), rebuilt from the log instead of persisted.
/// Not thread-safe: one owner (a grain) calls it.
/// </summary>
public sealed class TopicCursor(IStreamLog log, string topic, int batchSize = 10_000)
{
    private readonly Dictionary<int, long> _next = [];

    /// <summary>The topic read.</summary>
    public string Topic => topic;

    /// <summary>Passes every record appended since the last call (all retained ones the first time) to <paramref name="onRecord"/>; returns how many.</summary>
    public async Task<long> ReadNewAsync(Action<LogRecord> onRecord, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onRecord);
        if (await log.GetTopicAsync(topic, cancellationToken) is null)
        {
            return 0;
        }

        long read = 0;
        foreach (var partition in await log.GetOffsetsAsync(topic, cancellationToken))
        {
            var next = Math.Max(_next.GetValueOrDefault(partition.Partition, partition.StartOffset), partition.StartOffset);
            while (next < partition.EndOffset)
            {
                var records = await log.ReadAsync(topic, partition.Partition, next, batchSize, cancellationToken);
                if (records.Count == 0)
                {
                    break;
                }

                foreach (var record in records)
                {
                    onRecord(record);
                }

                read += records.Count;
                next = records[^1].Offset + 1;
            }

            _next[partition.Partition] = next;
        }

        return read;
    }
}
