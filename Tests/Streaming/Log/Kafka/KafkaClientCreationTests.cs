using Confluent.Kafka;
using StreamOrleans.Streaming.Log.Kafka;

namespace StreamOrleans.Tests.Streaming.Log.Kafka;

/// <summary>
/// librdkafka accepts every configuration the provider builds (it rejects unknown or invalid properties when a
/// client is created, before connecting), so these run without a broker; the address below is never reached.
/// </summary>
public sealed class KafkaClientCreationTests
{
    private static KafkaOptions Options(string protocol = "PLAINTEXT") => protocol == "SASL_SSL"
        ? new KafkaOptions { BootstrapServers = "contoso.servicebus.windows.net:9093", SecurityProtocol = "SASL_SSL", SaslMechanism = "PLAIN", SaslUsername = "$ConnectionString", SaslPassword = "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=s" }
        : new KafkaOptions { BootstrapServers = "127.0.0.1:1" };

    [Theory]
    [InlineData("PLAINTEXT")]
    [InlineData("SASL_SSL")]
    public void Idempotent_producer_builds(string protocol)
    {
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientConfigs.ForProducer(Options(protocol))).Build();

        Assert.StartsWith("streamorleans-producer#producer-", producer.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PLAINTEXT")]
    [InlineData("SASL_SSL")]
    public void Reader_and_admin_build(string protocol)
    {
        var options = Options(protocol);
        using var reader = new ConsumerBuilder<string, byte[]>(KafkaClientConfigs.ForReader(options)).Build();
        using var admin = new AdminClientBuilder(KafkaClientConfigs.ForAdmin(options)).Build();

        Assert.Contains("consumer", reader.Name, StringComparison.Ordinal);
        Assert.Contains("producer", admin.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_log_builds_its_producer_without_a_broker()
    {
        await using var log = new KafkaStreamLog(Options(), "grains");

        Assert.StartsWith("streamorleans-producer", log.Producer.Name, StringComparison.Ordinal);
        Assert.Equal(0, await log.ApplyRetentionAsync());
    }

    [Fact]
    public void Unknown_pass_through_properties_fail_at_creation_naming_the_property()
    {
        var options = Options();
        options.Properties["no.such.property"] = "1";

        var error = Assert.ThrowsAny<Exception>(() => new ProducerBuilder<string, byte[]>(KafkaClientConfigs.ForProducer(options)).Build());

        Assert.Contains("no.such.property", error.Message, StringComparison.Ordinal);
    }
}
