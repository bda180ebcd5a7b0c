using System.Runtime.InteropServices;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamOrleans.Streaming.Log.Kafka;

namespace StreamOrleans.Tests.Streaming.Log.Kafka;

/// <summary>
/// The cluster the [KafkaFact] tests use, names unique to one test run on a shared broker, and best-effort clean-up.
/// STREAMORLEANS_KAFKA_BOOTSTRAP=host:port is a real broker. Unset (or =mock), the tests use librdkafka's in-process
/// mock cluster (three brokers): it speaks the Kafka protocol (produce, fetch, offsets, consumer groups) but is not a
/// broker and has no CreateTopics or DeleteTopics, so topics are made through its C API first
/// (<c>rd_kafka_mock_topic_create</c>, librdkafka's <c>rdkafka_mock.h</c>).
/// </summary>
internal static class KafkaTestCluster
{
    private static readonly Lazy<MockCluster> Mock = new(() => new MockCluster());

    /// <summary>True when the tests run against librdkafka's mock cluster (no real broker configured).</summary>
    public static bool IsMock => KafkaFactAttribute.RealBootstrapServers is null;

    /// <summary>The bootstrap servers of the cluster under test.</summary>
    public static string BootstrapServers => KafkaFactAttribute.RealBootstrapServers ?? Mock.Value.Bootstrap;

    /// <summary>Options for the cluster under test, polling end offsets often so waits end quickly.</summary>
    public static KafkaOptions Options() => new()
    {
        BootstrapServers = BootstrapServers,
        OperationTimeout = TimeSpan.FromSeconds(30),
        PollInterval = TimeSpan.FromMilliseconds(20),
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

        using var admin = new AdminClientBuilder(KafkaClientConfigs.ForAdmin(Options())).Build();
        try
        {
            await admin.DeleteTopicsAsync(topics, new DeleteTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
        }
        catch (KafkaException)
        {
        }
    }

    /// <summary>
    /// A 3-broker mock cluster owned by a librdkafka producer handle made through the C API, living as long as the test
    /// process. It uses the librdkafka file Confluent.Kafka loaded (from librdkafka.redist), found in the process's maps.
    /// </summary>
    private sealed class MockCluster
    {
        private const int Brokers = 3;
        private readonly IntPtr _cluster;
        private readonly MockTopicCreate _createTopic;

        public MockCluster()
        {
            Library.Load();
            var library = NativeLibrary.Load(LoadedLibrdkafkaPath());
            var confNew = Export<ConfNew>(library, "rd_kafka_conf_new");
            var confSet = Export<ConfSet>(library, "rd_kafka_conf_set");
            var kafkaNew = Export<KafkaNew>(library, "rd_kafka_new");
            var handleMockCluster = Export<HandleMockCluster>(library, "rd_kafka_handle_mock_cluster");
            var bootstraps = Export<MockClusterBootstraps>(library, "rd_kafka_mock_cluster_bootstraps");
            _createTopic = Export<MockTopicCreate>(library, "rd_kafka_mock_topic_create");

            var error = new byte[512];
            var conf = confNew();
            if (confSet(conf, "test.mock.num.brokers", $"{Brokers}", error, error.Length) != 0)
            {
                throw new InvalidOperationException($"librdkafka refused test.mock.num.brokers: {Text(error)}");
            }

            // rd_kafka_new takes ownership of conf; the handle (and so the cluster) is never destroyed.
            const int Producer = 0;
            var owner = kafkaNew(Producer, conf, error, error.Length);
            if (owner == IntPtr.Zero)
            {
                throw new InvalidOperationException($"librdkafka could not create the mock cluster's owner: {Text(error)}");
            }

            _cluster = handleMockCluster(owner);
            Bootstrap = Marshal.PtrToStringUTF8(bootstraps(_cluster)) ?? throw new InvalidOperationException("The mock cluster has no bootstrap address.");
        }

        private delegate IntPtr ConfNew();

        private delegate int ConfSet(IntPtr conf, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, byte[] error, nint errorSize);

        private delegate IntPtr KafkaNew(int type, IntPtr conf, byte[] error, nint errorSize);

        private delegate IntPtr HandleMockCluster(IntPtr kafkaHandle);

        private delegate IntPtr MockClusterBootstraps(IntPtr mockCluster);

        private delegate int MockTopicCreate(IntPtr mockCluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

        public string Bootstrap { get; }

        public void CreateTopic(string topic, int partitions)
        {
            const int TopicAlreadyExists = 36;
            var error = _createTopic(_cluster, topic, partitions, Brokers);
            if (error is not (0 or TopicAlreadyExists))
            {
                throw new InvalidOperationException($"The mock cluster did not create topic '{topic}': error {error}.");
            }
        }

        private static T Export<T>(IntPtr library, string name)
            where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));

        private static string Text(byte[] error) => System.Text.Encoding.UTF8.GetString(error).TrimEnd('\0');

        /// <summary>
        /// The librdkafka Confluent.Kafka loaded: its default linux-x64 build, or the centos8 build it falls back to when
        /// the default one's dependencies (libsasl2.so.3) are missing. Loading the same file again shares its instance.
        /// </summary>
        private static string LoadedLibrdkafkaPath()
        {
            var mapped = File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length == 6 && fields[5].EndsWith("librdkafka.so", StringComparison.Ordinal))
                .Select(fields => fields[5])
                .Distinct()
                .ToList();
            return mapped.Count == 1
                ? mapped[0]
                : throw new InvalidOperationException($"Expected one librdkafka mapped in this process, found: {string.Join(", ", mapped)}.");
        }
    }
}
