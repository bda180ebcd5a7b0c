namespace StreamOrleans.Streaming.Log.Kafka;

/// <summary>
/// Connection and client settings of the Kafka stream provider (configuration section "Streams:Kafka"). The
/// consumer group is <c>Streams:ConsumerGroup</c>. Validated at start-up by <see cref="Validate"/>; see docs/kafka.md.
/// </summary>
public sealed class KafkaOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Streams:Kafka";

    /// <summary>Accepted <see cref="SecurityProtocol"/> values (Kafka's spelling; case-insensitive).</summary>
    public static readonly IReadOnlyList<string> SecurityProtocols = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"];

    /// <summary>Accepted <see cref="SaslMechanism"/> values (Kafka's spelling; case-insensitive).</summary>
    public static readonly IReadOnlyList<string> SaslMechanisms = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "GSSAPI"];

    /// <summary>
    /// librdkafka properties the provider sets itself; <see cref="Properties"/> may not override them because the
    /// provider's guarantees depend on them (or they have their own key here).
    /// </summary>
    public static readonly IReadOnlyList<string> ReservedProperties =
    [
        "bootstrap.servers", "metadata.broker.list", "security.protocol", "sasl.mechanism", "sasl.mechanisms", "sasl.username",
        "sasl.password", "client.id", "group.id", "enable.auto.commit", "enable.auto.offset.store", "auto.offset.reset",
        "enable.idempotence", "acks", "request.required.acks", "enable.partition.eof", "partitioner",
    ];

    /// <summary>Comma-separated host:port list of brokers (required), for example "kafka-1:9092,kafka-2:9092".</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL (Azure Event Hubs: SASL_SSL).</summary>
    public string SecurityProtocol { get; set; } = "PLAINTEXT";

    /// <summary>SASL mechanism when <see cref="SecurityProtocol"/> is SASL_*: PLAIN (Event Hubs), SCRAM-SHA-256/512, OAUTHBEARER or GSSAPI.</summary>
    public string? SaslMechanism { get; set; }

    /// <summary>SASL user name (Event Hubs: the literal "$ConnectionString").</summary>
    public string? SaslUsername { get; set; }

    /// <summary>SASL password (Event Hubs: the namespace's connection string). Never logged.</summary>
    public string? SaslPassword { get; set; }

    /// <summary>Prefix of every client's client.id (broker logs and quotas). Default "streamorleans".</summary>
    public string ClientId { get; set; } = "streamorleans";

    /// <summary>
    /// Replication factor of topics the provider creates; -1 (default) uses the broker's default.replication.factor,
    /// which suits both a one-broker development cluster and a production cluster configured for 3. Azure Event
    /// Hubs ignores it (replication is managed by the service).
    /// </summary>
    public short ReplicationFactor { get; set; } = -1;

    /// <summary>
    /// Creates topics with message.timestamp.type=LogAppendTime, so record timestamps are the broker's append time
    /// (what <see cref="LogRecord.Timestamp"/> promises and FindOffset relies on). Default true; set false where the
    /// broker rejects topic configs (then timestamps are the producer's create time).
    /// </summary>
    public bool UseLogAppendTime { get; set; } = true;

    /// <summary>Extra topic-level configs for topics the provider creates (for example "retention.ms": "604800000").</summary>
    public Dictionary<string, string> TopicConfig { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often <see cref="IStreamLog.WaitForRecordsAsync"/> asks the broker for a partition's end offset. Default 100 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Timeout of one metadata, admin, watermark or fetch request. Default 30 s.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Further librdkafka properties, passed through to every client (for example "ssl.ca.location",
    /// "socket.keepalive.enable", "metadata.max.age.ms"); see librdkafka's CONFIGURATION.md. The keys in
    /// <see cref="ReservedProperties"/> are not allowed.
    /// </summary>
    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem of <see cref="Validate"/>, if any.</summary>
    public void ThrowIfInvalid(string paramName)
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), paramName);
        }
    }

    /// <summary>Every problem with these settings, each naming the key and what is accepted; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            errors.Add($"{SectionName}:BootstrapServers is required: a comma-separated host:port list such as \"localhost:9092\" (Azure Event Hubs: \"<namespace>.servicebus.windows.net:9093\").");
        }
        else
        {
            foreach (var server in BootstrapServers.Split(',', StringSplitOptions.TrimEntries))
            {
                var colon = server.LastIndexOf(':');
                if (colon <= 0 || !int.TryParse(server.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
                {
                    errors.Add($"{SectionName}:BootstrapServers entry '{server}' is not host:port (port 1-65535), e.g. \"localhost:9092\".");
                }
            }
        }

        var protocol = NormalizedSecurityProtocol;
        if (!SecurityProtocols.Contains(protocol))
        {
            errors.Add($"{SectionName}:SecurityProtocol '{SecurityProtocol}' is not one of {string.Join(", ", SecurityProtocols)}.");
        }

        var sasl = protocol.StartsWith("SASL_", StringComparison.Ordinal);
        if (sasl)
        {
            if (string.IsNullOrWhiteSpace(SaslMechanism) || !SaslMechanisms.Contains(NormalizedSaslMechanism))
            {
                errors.Add($"{SectionName}:SaslMechanism '{SaslMechanism}' is required with SecurityProtocol {protocol} and must be one of {string.Join(", ", SaslMechanisms)}.");
            }
            else if (NormalizedSaslMechanism is "PLAIN" or "SCRAM-SHA-256" or "SCRAM-SHA-512"
                && (string.IsNullOrEmpty(SaslUsername) || string.IsNullOrEmpty(SaslPassword)))
            {
                errors.Add($"{SectionName}:SaslUsername and {SectionName}:SaslPassword are required with SaslMechanism {NormalizedSaslMechanism} (Azure Event Hubs: \"$ConnectionString\" and the namespace connection string).");
            }
        }
        else if (!string.IsNullOrEmpty(SaslMechanism) || !string.IsNullOrEmpty(SaslUsername) || !string.IsNullOrEmpty(SaslPassword))
        {
            errors.Add($"{SectionName}:SaslMechanism/SaslUsername/SaslPassword are set but SecurityProtocol is {protocol}; use SASL_SSL (or SASL_PLAINTEXT) to authenticate with SASL.");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            errors.Add($"{SectionName}:ClientId must not be empty (default \"streamorleans\").");
        }

        if (ReplicationFactor is 0 or < -1)
        {
            errors.Add($"{SectionName}:ReplicationFactor {ReplicationFactor} is not valid: use -1 (the broker's default) or 1 to 32767.");
        }

        CheckRange(errors, nameof(PollInterval), PollInterval, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1), "1 ms and 1 min");
        CheckRange(errors, nameof(OperationTimeout), OperationTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10), "100 ms and 10 min");

        foreach (var (key, value) in Properties ?? [])
        {
            if (string.IsNullOrWhiteSpace(key) || value is null)
            {
                errors.Add($"{SectionName}:Properties has an entry with an empty key or a null value ('{key}'); give librdkafka property names and values.");
            }
            else if (ReservedProperties.Contains(key.Trim().ToLowerInvariant()))
            {
                errors.Add($"{SectionName}:Properties:{key} is set by the provider and cannot be overridden; {ReservedHint(key.Trim().ToLowerInvariant())}.");
            }
        }

        return errors;
    }

    /// <summary><see cref="SecurityProtocol"/> in Kafka's spelling (upper case, "SaslSsl" accepted as SASL_SSL).</summary>
    internal string NormalizedSecurityProtocol => Normalize(SecurityProtocol) switch
    {
        "SASLSSL" => "SASL_SSL",
        "SASLPLAINTEXT" => "SASL_PLAINTEXT",
        var p => p,
    };

    /// <summary><see cref="SaslMechanism"/> in Kafka's spelling.</summary>
    internal string NormalizedSaslMechanism => Normalize(SaslMechanism) switch
    {
        "SCRAMSHA256" or "SCRAM_SHA_256" => "SCRAM-SHA-256",
        "SCRAMSHA512" or "SCRAM_SHA_512" => "SCRAM-SHA-512",
        "OAUTHBEARER" => "OAUTHBEARER",
        var m => m,
    };

    private static string Normalize(string? value) => (value ?? "").Trim().ToUpperInvariant();

    private static void CheckRange(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max, string range)
    {
        if (value < min || value > max)
        {
            errors.Add($"{SectionName}:{name} {value} is out of range: use a time span between {range}.");
        }
    }

    private static string ReservedHint(string key) => key switch
    {
        "bootstrap.servers" or "metadata.broker.list" => $"use {SectionName}:BootstrapServers",
        "security.protocol" => $"use {SectionName}:SecurityProtocol",
        "sasl.mechanism" or "sasl.mechanisms" => $"use {SectionName}:SaslMechanism",
        "sasl.username" => $"use {SectionName}:SaslUsername",
        "sasl.password" => $"use {SectionName}:SaslPassword",
        "client.id" => $"use {SectionName}:ClientId",
        "group.id" => "use Streams:ConsumerGroup",
        _ => "offsets are committed only after the consumer grains persisted, the producer is idempotent with acks=all, and partitions follow the key's murmur2 hash",
    };
}
