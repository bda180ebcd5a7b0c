using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using Confluent.Kafka.Admin;

namespace StreamOrleans.Streaming.Log.Kafka;

/// <summary>Topic metadata and creation through an admin client, used by <see cref="KafkaStreamLog"/>.</summary>
internal sealed class KafkaTopicAdmin(IAdminClient admin, KafkaOptions options, TimeProvider timeProvider)
{
    /// <summary>Every topic the cluster reports without error (all topics: a request naming a missing one may auto-create it).</summary>
    public async Task<List<TopicMetadata>> ReadMetadataAsync(CancellationToken cancellationToken)
    {
        var metadata = await Task.Run(() => admin.GetMetadata(options.OperationTimeout), cancellationToken);
        return metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0).ToList();
    }

    /// <summary>
    /// Creates the topic with the configured replication factor and topic configs (another client creating it first
    /// is fine), then waits until the metadata shows every partition with a leader. Returns that metadata.
    /// </summary>
    public async Task<TopicMetadata> CreateAsync(string topic, int partitions, CancellationToken cancellationToken)
    {
        var configs = new Dictionary<string, string>(options.TopicConfig, StringComparer.Ordinal);
        if (options.UseLogAppendTime)
        {
            configs.TryAdd("message.timestamp.type", "LogAppendTime");
        }

        var spec = new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = options.ReplicationFactor, Configs = configs };
        try
        {
            await admin.CreateTopicsAsync([spec], new CreateTopicsOptions { RequestTimeout = options.OperationTimeout, OperationTimeout = options.OperationTimeout });
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
        }

        var deadline = timeProvider.GetUtcNow() + options.OperationTimeout;
        while (true)
        {
            var metadata = (await ReadMetadataAsync(cancellationToken)).FirstOrDefault(t => t.Topic == topic);
            if (metadata is not null && metadata.Partitions.All(p => p.Leader >= 0))
            {
                return metadata;
            }

            if (timeProvider.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"Topic '{topic}' was created but its partitions had no leaders within {options.OperationTimeout}.");
            }

            await Task.Delay(options.PollInterval, timeProvider, cancellationToken);
        }
    }
}
