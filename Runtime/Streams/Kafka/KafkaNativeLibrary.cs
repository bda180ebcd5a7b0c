using System.Reflection;
using System.Runtime.InteropServices;

namespace StreamOrleans.Runtime.Streams.Kafka;

/// <summary>
/// Makes Confluent.Kafka use the system's librdkafka (Debian's librdkafka1, installed by
/// <c>scripts/setup/60-kafka.sh</c>) instead of the librdkafka.redist package, which this build does not have.
/// </summary>
/// <remarks>
/// Confluent.Kafka binds its native functions with <c>[DllImport("librdkafka")]</c> and, on Linux, its loader
/// P/Invokes <c>"libdl"</c>. Debian ships only the versioned files <c>librdkafka.so.1</c> and <c>libdl.so.2</c>,
/// which .NET's default probing does not find, so a DllImport resolver on the Confluent.Kafka assembly maps both
/// names to those files (the libdl.so link of the set-up script is then not needed either).
/// <para>
/// Version skew: Confluent.Kafka 2.15 calls three functions that librdkafka added in 2.1 (leader epochs, KIP-320):
/// <c>rd_kafka_message_leader_epoch</c> on every consumed message and <c>rd_kafka_topic_partition_get/set_leader_epoch</c>
/// on every partition list (commit, position, rebalance, offsets-for-times). Debian 12's librdkafka is 2.0.2, where
/// every consume would throw <see cref="EntryPointNotFoundException"/>. When the loaded library lacks them, this class
/// replaces Confluent.Kafka's bindings for just those three with "no leader epoch known" (-1, as librdkafka itself
/// reports for brokers without epochs; setting one is ignored). Only the fencing of stale fetches after a leader
/// change (which leader epochs add) is lost. Admin APIs of newer brokers (DescribeConsumerGroups, ListConsumerGroups,
/// DescribeTopics, ListOffsets...) also need newer librdkafka and are not used by this provider.
/// </para>
/// </remarks>
public static class KafkaNativeLibrary
{
    /// <summary>Environment variable naming a librdkafka file to load instead of the system's.</summary>
    public const string PathVariable = "STREAMORLEANS_LIBRDKAFKA";

    /// <summary>Where the set-up script's Debian package puts librdkafka, tried in order.</summary>
    public static readonly IReadOnlyList<string> SystemPaths =
    [
        "/usr/lib/x86_64-linux-gnu/librdkafka.so.1",
        "/usr/lib/aarch64-linux-gnu/librdkafka.so.1",
        "/usr/lib/librdkafka.so.1",
        "/usr/local/lib/librdkafka.so.1",
    ];

    /// <summary>librdkafka 2.1+ functions Confluent.Kafka 2.15 needs on the consume path (see remarks).</summary>
    private static readonly string[] LeaderEpochFunctions =
        ["rd_kafka_message_leader_epoch", "rd_kafka_topic_partition_get_leader_epoch", "rd_kafka_topic_partition_set_leader_epoch"];

    private static readonly Lock Gate = new();
    private static string? _loadedPath;
    private static string? _version;
    private static IntPtr _handle;
    private static IReadOnlyList<string> _fallbacks = [];

    /// <summary>The librdkafka file in use, once <see cref="EnsureLoaded"/> succeeded.</summary>
    public static string? LoadedPath
    {
        get
        {
            lock (Gate)
            {
                return _loadedPath;
            }
        }
    }

    /// <summary>
    /// The librdkafka functions missing from the loaded library that were replaced by "no leader epoch" fallbacks
    /// (empty with librdkafka 2.1 or later), once <see cref="EnsureLoaded"/> succeeded.
    /// </summary>
    public static IReadOnlyList<string> Fallbacks
    {
        get
        {
            lock (Gate)
            {
                return _fallbacks;
            }
        }
    }

    /// <summary>
    /// Loads librdkafka once per process (later calls return at once) and returns its version, for example "2.0.2".
    /// Call before building any Confluent.Kafka client; every Kafka type of this provider does.
    /// </summary>
    /// <exception cref="InvalidOperationException">librdkafka is missing or cannot be loaded; the message says how to install it.</exception>
    public static string EnsureLoaded()
    {
        lock (Gate)
        {
            if (_version is not null)
            {
                return _version;
            }

            var path = FindLibrary();
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, (name, _, _) => Resolve(name, path));
            }
            catch (InvalidOperationException)
            {
                // A resolver was already set (by another copy of this code in a test host); it resolves the same way.
            }

            try
            {
                Confluent.Kafka.Library.Load();
                _fallbacks = InstallLeaderEpochFallbacks(path);
                _version = Confluent.Kafka.Library.VersionString;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or FileLoadException or InvalidOperationException or BadImageFormatException)
            {
                throw new InvalidOperationException(
                    $"librdkafka at '{path}' could not be loaded ({e.Message}). Run scripts/setup/60-kafka.sh, or set {PathVariable} to a librdkafka 2.x shared library.", e);
            }

            _loadedPath = path;
            return _version;
        }
    }

    private static string FindLibrary()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{PathVariable} names '{configured}', which does not exist. Point it to a librdkafka shared library, or unset it to use the system's.");
        }

        foreach (var candidate in SystemPaths)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"librdkafka is not installed (looked for {string.Join(", ", SystemPaths)}). Run scripts/setup/60-kafka.sh (Debian package librdkafka1), or set {PathVariable} to a librdkafka 2.x shared library.");
    }

    /// <summary>Replaces Confluent.Kafka's bindings of the leader-epoch functions the library lacks; returns their names.</summary>
    private static string[] InstallLeaderEpochFallbacks(string path)
    {
        var handle = _handle != IntPtr.Zero ? _handle : NativeLibrary.Load(path);
        var missing = LeaderEpochFunctions.Where(f => !NativeLibrary.TryGetExport(handle, f, out _)).ToArray();
        if (missing.Length == 0)
        {
            return [];
        }

        var bindings = typeof(Confluent.Kafka.Library).Assembly.GetType("Confluent.Kafka.Impl.Librdkafka");
        const BindingFlags flags = BindingFlags.NonPublic | BindingFlags.Static;
        var message = bindings?.GetField("_message_leader_epoch", flags);
        var get = bindings?.GetField("_topic_partition_get_leader_epoch", flags);
        var set = bindings?.GetField("_topic_partition_set_leader_epoch", flags);
        if (message is null || get is null || set is null || get.FieldType != typeof(Func<IntPtr, int>) || set.FieldType != typeof(Action<IntPtr, int>))
        {
            throw new InvalidOperationException(
                $"librdkafka at '{path}' lacks {string.Join(", ", missing)} and this Confluent.Kafka ({typeof(Confluent.Kafka.Library).Assembly.GetName().Version}) " +
                "does not have the bindings the provider knows how to replace. Use Confluent.Kafka 2.15.1, or librdkafka 2.1 or later.");
        }

        var noEpoch = typeof(KafkaNativeLibrary).GetMethod(nameof(NoLeaderEpoch), flags)!;
        message.SetValue(null, Delegate.CreateDelegate(message.FieldType, noEpoch));
        get.SetValue(null, new Func<IntPtr, int>(NoLeaderEpoch));
        set.SetValue(null, new Action<IntPtr, int>(IgnoreLeaderEpoch));
        return missing;
    }

    private static int NoLeaderEpoch(IntPtr native) => -1;

    private static void IgnoreLeaderEpoch(IntPtr native, int epoch)
    {
    }

    private static IntPtr Resolve(string name, string librdkafkaPath) => name switch
    {
        "librdkafka" => _handle = NativeLibrary.Load(librdkafkaPath),
        "libdl" => NativeLibrary.TryLoad("libdl.so.2", out var handle) ? handle : IntPtr.Zero,
        _ => IntPtr.Zero,
    };
}
