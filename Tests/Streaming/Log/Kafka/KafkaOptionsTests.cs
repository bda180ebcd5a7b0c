using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamOrleans.Streaming.Log.Kafka;

namespace StreamOrleans.Tests.Streaming.Log.Kafka;

/// <summary>Settings validation and their mapping to librdkafka configurations; no broker needed.</summary>
public sealed class KafkaOptionsTests
{
    private const string EventHubsConnectionString =
        "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=c2VjcmV0";

    [Fact]
    public void Defaults_need_only_bootstrap_servers()
    {
        var options = new KafkaOptions();

        var error = Assert.Single(options.Validate());
        Assert.Contains("Streams:Kafka:BootstrapServers is required", error, StringComparison.Ordinal);

        options.BootstrapServers = "localhost:9092";
        Assert.Empty(options.Validate());
        Assert.Equal(-1, options.ReplicationFactor);
    }

    [Theory]
    [InlineData("localhost", "entry 'localhost' is not host:port")]
    [InlineData("kafka:0", "entry 'kafka:0' is not host:port")]
    [InlineData("a:9092,b", "entry 'b' is not host:port")]
    public void Bad_bootstrap_servers_are_named(string servers, string expected)
    {
        var errors = new KafkaOptions { BootstrapServers = servers }.Validate();

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_bad_setting_is_reported_with_its_key_and_what_is_accepted()
    {
        var options = new KafkaOptions
        {
            BootstrapServers = "localhost:9092",
            SecurityProtocol = "TLS",
            ReplicationFactor = 0,
            OperationTimeout = TimeSpan.Zero,
            PollInterval = TimeSpan.FromHours(1),
            Properties = { ["enable.auto.commit"] = "true", ["group.id"] = "x", ["socket.keepalive.enable"] = "true" },
        };

        var errors = options.Validate();

        Assert.Equal(6, errors.Count);
        Assert.Contains(errors, e => e.Contains("Streams:Kafka:SecurityProtocol 'TLS' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Streams:Kafka:ReplicationFactor 0 is not valid: use -1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Streams:Kafka:OperationTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Streams:Kafka:PollInterval", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Streams:Kafka:Properties:enable.auto.commit is set by the provider", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Streams:Kafka:Properties:group.id is set by the provider and cannot be overridden; use Streams:ConsumerGroup", StringComparison.Ordinal));
    }

    [Fact]
    public void Sasl_needs_a_mechanism_and_credentials()
    {
        var options = new KafkaOptions { BootstrapServers = "b:9093", SecurityProtocol = "SASL_SSL" };
        Assert.Contains(options.Validate(), e => e.Contains("Streams:Kafka:SaslMechanism '' is required with SecurityProtocol SASL_SSL and must be one of PLAIN", StringComparison.Ordinal));

        options.SaslMechanism = "PLAIN";
        Assert.Contains(options.Validate(), e => e.Contains("Streams:Kafka:SaslUsername and Streams:Kafka:SaslPassword are required", StringComparison.Ordinal));

        var plaintext = new KafkaOptions { BootstrapServers = "b:9092", SaslUsername = "u" };
        Assert.Contains(plaintext.Validate(), e => e.Contains("SecurityProtocol is PLAINTEXT", StringComparison.Ordinal));
    }

    [Fact]
    public void Producer_is_idempotent_with_acks_all_and_murmur2()
    {
        var config = KafkaClientConfigs.ForProducer(new KafkaOptions { BootstrapServers = "k1:9092,k2:9092", ClientId = "so" });

        Assert.True(config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
        Assert.Equal("k1:9092,k2:9092", config.BootstrapServers);
        Assert.Equal("so-producer", config.ClientId);
        Assert.Equal(SecurityProtocol.Plaintext, config.SecurityProtocol);
    }

    [Fact]
    public void Readers_are_assigned_consumers_that_report_partition_ends()
    {
        var config = KafkaClientConfigs.ForReader(new KafkaOptions { BootstrapServers = "k:9092" });

        Assert.False(config.EnableAutoCommit);
        Assert.True(config.EnablePartitionEof);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Equal("streamorleans-readers", config.GroupId);
    }

    [Fact]
    public void Azure_Event_Hubs_maps_to_sasl_ssl_plain_with_the_connection_string()
    {
        var options = new KafkaOptions
        {
            BootstrapServers = "contoso.servicebus.windows.net:9093",
            SecurityProtocol = "SASL_SSL",
            SaslMechanism = "PLAIN",
            SaslUsername = "$ConnectionString",
            SaslPassword = EventHubsConnectionString,
            Properties = { ["socket.keepalive.enable"] = "true", ["metadata.max.age.ms"] = "180000" },
        };
        Assert.Empty(options.Validate());

        ClientConfig[] configs =
        [
            KafkaClientConfigs.ForProducer(options),
            KafkaClientConfigs.ForReader(options),
            KafkaClientConfigs.ForAdmin(options),
        ];

        foreach (var config in configs)
        {
            Assert.Equal("contoso.servicebus.windows.net:9093", config.BootstrapServers);
            Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
            Assert.Equal(SaslMechanism.Plain, config.SaslMechanism);
            Assert.Equal("$ConnectionString", config.SaslUsername);
            Assert.Equal(EventHubsConnectionString, config.SaslPassword);
            Assert.Equal("true", config.Get("socket.keepalive.enable"));
            Assert.Equal("180000", config.Get("metadata.max.age.ms"));
        }
    }

    [Fact]
    public void Kafka_spellings_of_protocol_and_mechanism_are_case_insensitive()
    {
        var options = new KafkaOptions { BootstrapServers = "k:9093", SecurityProtocol = "sasl_plaintext", SaslMechanism = "scram-sha-512", SaslUsername = "u", SaslPassword = "p" };

        Assert.Empty(options.Validate());
        var config = KafkaClientConfigs.ForAdmin(options);
        Assert.Equal(SecurityProtocol.SaslPlaintext, config.SecurityProtocol);
        Assert.Equal(SaslMechanism.ScramSha512, config.SaslMechanism);
    }

    [Fact]
    public void AddKafkaStreamLog_binds_the_section_and_validates_on_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Streams:Kafka:BootstrapServers"] = "contoso.servicebus.windows.net:9093",
            ["Streams:Kafka:SecurityProtocol"] = "SASL_SSL",
            ["Streams:Kafka:SaslMechanism"] = "PLAIN",
            ["Streams:Kafka:SaslUsername"] = "$ConnectionString",
            ["Streams:Kafka:SaslPassword"] = EventHubsConnectionString,
            ["Streams:Kafka:Properties:socket.keepalive.enable"] = "true",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddKafkaStreamLog(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<KafkaOptions>>().Value;

        Assert.Equal("SASL_SSL", options.SecurityProtocol);
        Assert.Equal(EventHubsConnectionString, options.SaslPassword);
        Assert.Equal("true", options.Properties["socket.keepalive.enable"]);
    }

    [Fact]
    public void AddKafkaStreamLog_rejects_invalid_settings_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Streams:Kafka:BootstrapServers"] = "localhost:9092",
            ["Streams:Kafka:SecurityProtocol"] = "SASL_SSL",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddKafkaStreamLog(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KafkaOptions>>().Value);

        Assert.Contains("Streams:Kafka:SaslMechanism", error.Message, StringComparison.Ordinal);
    }
}
