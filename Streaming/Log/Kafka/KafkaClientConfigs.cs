using Confluent.Kafka;

namespace StreamOrleans.Streaming.Log.Kafka;

/// <summary>
/// Maps <see cref="KafkaOptions"/> to the Confluent.Kafka client configurations the provider uses: one idempotent
/// producer, reader consumers (assigned, never subscribed: Orleans balances the partitions) and an admin client
/// (metadata and consumer-group offsets).
/// </summary>
public static class KafkaClientConfigs
{
    /// <summary>
    /// The shared producer: idempotent (no duplicates or reordering from retries within a partition), acks=all
    /// (an append is acknowledged once every in-sync replica has it), murmur2 partitioner (the same key-to-partition
    /// function as <see cref="StreamPartitioner"/>, though the provider always names the partition itself).
    /// </summary>
    public static ProducerConfig ForProducer(KafkaOptions options)
    {
        var config = new ProducerConfig(Common(options, "producer"))
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 5,
            MessageTimeoutMs = (int)options.OperationTimeout.TotalMilliseconds,
        };
        return config;
    }

    /// <summary>
    /// A reader: consumes partitions it is assigned explicitly (no group, no commits), reports the end of a
    /// partition, and restarts at the oldest retained record when asked for one that retention removed. Confluent.Kafka
    /// requires a group.id; "{ClientId}-readers" is never joined and never committed to, so it does not exist on the broker.
    /// </summary>
    public static ConsumerConfig ForReader(KafkaOptions options)
    {
        var config = new ConsumerConfig(Common(options, "reader"))
        {
            GroupId = $"{options.ClientId}-readers",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,

            // A reader keeps fetching ahead of its receiver; cap that buffer at 8 MB per partition (librdkafka's default
            // is 64 MB per consumer, and a silo has one reader per partition it has read).
            QueuedMaxMessagesKbytes = 8 * 1024,
        };
        return config;
    }

    /// <summary>The admin client (topics, metadata, consumer-group offsets).</summary>
    public static AdminClientConfig ForAdmin(KafkaOptions options) => new(Common(options, "admin"));

    /// <summary>The librdkafka properties common to every client: connection, security, pass-through properties.</summary>
    internal static Dictionary<string, string> Common(KafkaOptions options, string role)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ClientConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = $"{options.ClientId}-{role}",
            SecurityProtocol = options.NormalizedSecurityProtocol switch
            {
                "SSL" => SecurityProtocol.Ssl,
                "SASL_PLAINTEXT" => SecurityProtocol.SaslPlaintext,
                "SASL_SSL" => SecurityProtocol.SaslSsl,
                _ => SecurityProtocol.Plaintext,
            },
        };

        if (config.SecurityProtocol is SecurityProtocol.SaslSsl or SecurityProtocol.SaslPlaintext)
        {
            config.SaslMechanism = options.NormalizedSaslMechanism switch
            {
                "SCRAM-SHA-256" => SaslMechanism.ScramSha256,
                "SCRAM-SHA-512" => SaslMechanism.ScramSha512,
                "OAUTHBEARER" => SaslMechanism.OAuthBearer,
                "GSSAPI" => SaslMechanism.Gssapi,
                _ => SaslMechanism.Plain,
            };
            if (!string.IsNullOrEmpty(options.SaslUsername))
            {
                config.SaslUsername = options.SaslUsername;
            }

            if (!string.IsNullOrEmpty(options.SaslPassword))
            {
                config.SaslPassword = options.SaslPassword;
            }
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in config)
        {
            properties[key] = value;
        }

        foreach (var (key, value) in options.Properties ?? [])
        {
            properties[key.Trim()] = value;
        }

        return properties;
    }
}
