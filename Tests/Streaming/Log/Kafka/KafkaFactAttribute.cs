namespace StreamOrleans.Tests.Streaming.Log.Kafka;

/// <summary>
/// A fact that needs a Kafka cluster. By default it runs against librdkafka's in-process mock cluster (see
/// <see cref="KafkaTestCluster"/>); when STREAMORLEANS_KAFKA_BOOTSTRAP names a broker (host:port) it runs against that.
/// Tests marked <see cref="RealBrokerOnly"/> are reported as skipped, with the reason, on the mock cluster.
/// (xunit 2 has no dynamic skip, so the attribute decides.)
/// </summary>
public sealed class KafkaFactAttribute : FactAttribute
{
    private string? _realBrokerOnly;

    /// <summary>Environment variable with the broker's bootstrap servers; unset (or "mock") for the mock cluster.</summary>
    public const string Variable = "STREAMORLEANS_KAFKA_BOOTSTRAP";

    /// <summary>
    /// Why the test cannot run on librdkafka's mock cluster (for example "the mock cluster has no ListGroups"); null
    /// (the default) for tests that run on it. Set, the test is skipped unless a real broker is configured.
    /// </summary>
    public string? RealBrokerOnly
    {
        get => _realBrokerOnly;
        set
        {
            _realBrokerOnly = value;
            if (value is not null && KafkaTestCluster.IsMock)
            {
                Skip = $"needs a real Kafka broker ({value}): set {Variable}=host:port to run";
            }
        }
    }

    /// <summary>The configured real broker, or null when the tests use the mock cluster.</summary>
    public static string? RealBootstrapServers =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } servers && !servers.Trim().Equals("mock", StringComparison.OrdinalIgnoreCase)
            ? servers.Trim()
            : null;
}
