namespace StreamOrleans.Tests.Streams.Kafka;

/// <summary>
/// A fact that needs a real Kafka broker: it runs when STREAMORLEANS_KAFKA_BOOTSTRAP names one (host:port) and is
/// reported as skipped, with the reason, when it does not. (xunit 2 has no dynamic skip, so the attribute decides.)
/// </summary>
public sealed class KafkaFactAttribute : FactAttribute
{
    private bool _realBrokerOnly;

    /// <summary>Environment variable with the broker's bootstrap servers.</summary>
    public const string Variable = "STREAMORLEANS_KAFKA_BOOTSTRAP";

    public KafkaFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"no Kafka broker: set {Variable}=host:port to run";
        }
    }

    /// <summary>
    /// True for tests that cannot run against STREAMORLEANS_KAFKA_BOOTSTRAP=mock (librdkafka's in-process mock cluster),
    /// for example because other processes must create topics on it: they are skipped in mock mode.
    /// </summary>
    public bool RealBrokerOnly
    {
        get => _realBrokerOnly;
        set
        {
            _realBrokerOnly = value;
            if (value && Skip is null && Environment.GetEnvironmentVariable(Variable) == "mock")
            {
                Skip = $"needs a real Kafka broker, not the mock cluster: set {Variable}=host:port to run";
            }
        }
    }

    /// <summary>The broker to test against (only read by tests that run).</summary>
    public static string BootstrapServers =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } servers ? servers : throw new InvalidOperationException($"{Variable} is not set.");
}
