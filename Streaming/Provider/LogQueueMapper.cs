using Orleans.Streams;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// Maps a stream to its queue the way a Kafka producer maps a keyed record to its partition: the stream namespace is
/// the topic and the queue is <c>murmur2(utf8(key)) % partitions</c> of that topic (<see cref="StreamPartitioner"/>).
/// A record a plain Kafka producer keyed by user id is therefore in the queue Orleans delivers to that user's grain.
/// </summary>
public sealed class LogQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly Dictionary<string, QueueId[]> _queuesByTopic;

    /// <summary>Creates the mapper over topics with their partition counts.</summary>
    public LogQueueMapper(IReadOnlyDictionary<string, int> partitionsByTopic)
    {
        ArgumentNullException.ThrowIfNull(partitionsByTopic);
        _queuesByTopic = new(StringComparer.Ordinal);
        foreach (var (topic, partitions) in partitionsByTopic)
        {
            var queues = new QueueId[partitions];
            for (var partition = 0; partition < partitions; partition++)
            {
                // The hash places the queue on Orleans' ring; it only has to be stable and spread.
                var hash = (uint)StreamPartitioner.Murmur2($"{topic}/{partition}");
                queues[partition] = QueueId.GetQueueId(topic, (uint)partition, hash);
            }

            _queuesByTopic.Add(topic, queues);
        }
    }

    /// <inheritdoc />
    public IEnumerable<QueueId> GetAllQueues() => _queuesByTopic.Values.SelectMany(queues => queues);

    /// <inheritdoc />
    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return GetAllQueues().Where(queue => range.InRange(queue.GetUniformHashCode()));
    }

    /// <inheritdoc />
    public QueueId GetQueueForStream(StreamId streamId)
    {
        var topic = streamId.GetNamespace()
            ?? throw new ArgumentException($"Stream {streamId} has no namespace; the namespace names the topic.", nameof(streamId));
        if (!_queuesByTopic.TryGetValue(topic, out var queues))
        {
            throw new ArgumentException($"Topic '{topic}' is not carried by this stream provider (known: {string.Join(", ", _queuesByTopic.Keys)}).", nameof(streamId));
        }

        return queues[StreamPartitioner.GetPartition(streamId.GetKeyAsString(), queues.Length)];
    }

    /// <summary>The topic and partition of a queue this mapper made.</summary>
    public static (string Topic, int Partition) Describe(QueueId queueId) => (queueId.GetStringNamePrefix(), (int)queueId.GetNumericId());
}
