using Confluent.Kafka;

namespace StreamOrleans.Runtime.Streams.Kafka;

/// <summary>
/// The silo's consumer-group member, shared by <see cref="KafkaPartitionOwnership"/> (which owns the consumer and
/// attaches it while it is in the group) and <see cref="KafkaStreamLog"/> (which commits the silo's own group through
/// it). Kafka accepts offset commits for a group with live members only from one of those members (with the current
/// generation), so commits of the pumps must go through this consumer rather than a standalone client.
/// </summary>
/// <remarks>Thread-safe: commits and detaching are serialized, so a commit never runs on a closed consumer.</remarks>
public sealed class KafkaGroupMember
{
    private readonly Lock _gate = new();
    private IConsumer<string, byte[]>? _consumer;
    private string? _group;

    /// <summary>The group the attached member belongs to, or null when none is attached.</summary>
    public string? Group
    {
        get
        {
            lock (_gate)
            {
                return _group;
            }
        }
    }

    /// <summary>Makes <paramref name="consumer"/> (subscribed in <paramref name="group"/>) the member commits go through.</summary>
    internal void Attach(IConsumer<string, byte[]> consumer, string group)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        lock (_gate)
        {
            _consumer = consumer;
            _group = group;
        }
    }

    /// <summary>Stops routing commits to the member; returns after any commit in progress finished.</summary>
    internal void Detach()
    {
        lock (_gate)
        {
            _consumer = null;
            _group = null;
        }
    }

    /// <summary>
    /// Commits synchronously through the member when one of <paramref name="group"/> is attached; returns false
    /// (committing nothing) when none is.
    /// </summary>
    /// <exception cref="KafkaException">The broker rejected the commit (for example the member was fenced by a rebalance).</exception>
    internal bool TryCommit(string group, string topic, int partition, long offset)
    {
        lock (_gate)
        {
            if (_consumer is null || !string.Equals(_group, group, StringComparison.Ordinal))
            {
                return false;
            }

            _consumer.Commit([new TopicPartitionOffset(topic, new Partition(partition), new Offset(offset))]);
            return true;
        }
    }
}
