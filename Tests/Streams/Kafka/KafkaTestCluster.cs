using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamOrleans.Runtime.Streams.Kafka;

namespace StreamOrleans.Tests.Streams.Kafka;

/// <summary>
/// The broker the [KafkaFact] tests use, names unique to one test run on a shared broker, and best-effort clean-up.
/// STREAMORLEANS_KAFKA_BOOTSTRAP=host:port is a real broker. STREAMORLEANS_KAFKA_BOOTSTRAP=mock is librdkafka's
/// in-process mock cluster (test.mock.num.brokers): it speaks the Kafka protocol (produce, fetch, offsets, consumer
/// groups) but is not a broker and has no CreateTopics or DeleteTopics, so topics are made through its C API first.
/// </summary>
internal static class KafkaTestCluster
{
    private static readonly Lazy<MockCluster> Mock = new(() => new MockCluster());

    private delegate IntPtr HandleMockCluster(IntPtr kafkaHandle);

    private delegate int MockTopicCreate(IntPtr mockCluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    /// <summary>True when the tests run against librdkafka's mock cluster.</summary>
    public static bool IsMock => KafkaFactAttribute.BootstrapServers == "mock";

    /// <summary>The bootstrap servers of the broker under test.</summary>
    public static string BootstrapServers => IsMock ? Mock.Value.Bootstrap : KafkaFactAttribute.BootstrapServers;

    /// <summary>Options for the broker under test, with short session timeouts so hand-overs are quick.</summary>
    public static KafkaOptions Options() => new()
    {
        BootstrapServers = BootstrapServers,
        SessionTimeout = TimeSpan.FromSeconds(6),
        OperationTimeout = TimeSpan.FromSeconds(30),
        PollInterval = TimeSpan.FromMilliseconds(20),
        AdvertisedAddressWait = TimeSpan.Zero,
    };

    /// <summary>A topic or group name no earlier run used.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>On the mock cluster, creates the topics (which CreateTopicAsync then finds); nothing on a real broker.</summary>
    public static void PrepareTopic(string topic, int partitions)
    {
        if (IsMock)
        {
            Mock.Value.CreateTopic(topic, partitions);
        }
    }

    /// <summary>Deletes the topics; failures are ignored (the broker may forbid deletion; the mock cannot delete).</summary>
    public static async Task DeleteTopicsAsync(params string[] topics)
    {
        if (IsMock)
        {
            return;
        }

        KafkaNativeLibrary.EnsureLoaded();
        using var admin = new AdminClientBuilder(KafkaClientConfigs.ForAdmin(Options())).Build();
        try
        {
            await admin.DeleteTopicsAsync(topics, new DeleteTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
        }
        catch (KafkaException)
        {
        }
    }

    /// <summary>A 3-broker mock cluster owned by an admin client that lives as long as the test process.</summary>
    private sealed class MockCluster
    {
        private readonly IAdminClient _owner;
        private readonly IntPtr _cluster;
        private readonly MockTopicCreate _createTopic;

        public MockCluster()
        {
            KafkaNativeLibrary.EnsureLoaded();
            var config = new AdminClientConfig { BootstrapServers = "mock:1" };
            config.Set("test.mock.num.brokers", "3");
            _owner = new AdminClientBuilder(config).Build();
            Bootstrap = string.Join(",", _owner.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Select(b => $"{b.Host}:{b.Port}"));
            var library = NativeLibrary.Load(KafkaNativeLibrary.LoadedPath!);
            var handleMockCluster = Marshal.GetDelegateForFunctionPointer<HandleMockCluster>(NativeLibrary.GetExport(library, "rd_kafka_handle_mock_cluster"));
            _createTopic = Marshal.GetDelegateForFunctionPointer<MockTopicCreate>(NativeLibrary.GetExport(library, "rd_kafka_mock_topic_create"));

            // Confluent.Kafka keeps the rd_kafka_t* in an internal SafeHandle (test-only reflection).
            var member = typeof(Handle).GetMember("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Single();
            var safeHandle = (SafeHandle)(member is PropertyInfo property ? property.GetValue(_owner.Handle) : ((FieldInfo)member).GetValue(_owner.Handle))!;
            _cluster = handleMockCluster(safeHandle.DangerousGetHandle());
        }

        public string Bootstrap { get; }

        public void CreateTopic(string topic, int partitions)
        {
            const int TopicAlreadyExists = 36;
            var error = _createTopic(_cluster, topic, partitions, 3);
            if (error is not (0 or TopicAlreadyExists))
            {
                throw new InvalidOperationException($"The mock cluster did not create topic '{topic}': error {error}.");
            }
        }
    }
}
