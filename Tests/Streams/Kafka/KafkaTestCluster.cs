using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamOrleans.Runtime.Streams.Kafka;

namespace StreamOrleans.Tests.Streams.Kafka;

/// <summary>Names unique to one test run on a shared broker, and best-effort clean-up of the topics a test created.</summary>
internal static class KafkaTestCluster
{
    /// <summary>Options for the broker under test, with short session timeouts so hand-overs are quick.</summary>
    public static KafkaOptions Options() => new()
    {
        BootstrapServers = KafkaFactAttribute.BootstrapServers,
        SessionTimeout = TimeSpan.FromSeconds(6),
        OperationTimeout = TimeSpan.FromSeconds(30),
        PollInterval = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>A topic or group name no earlier run used.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Deletes the topics; failures are ignored (the broker may forbid deletion).</summary>
    public static async Task DeleteTopicsAsync(params string[] topics)
    {
        KafkaNativeLibrary.EnsureLoaded();
        using var admin = new AdminClientBuilder(KafkaClientConfigs.ForAdmin(Options())).Build();
        try
        {
            await admin.DeleteTopicsAsync(topics, new DeleteTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
        }
        catch (DeleteTopicsException)
        {
        }
    }
}
