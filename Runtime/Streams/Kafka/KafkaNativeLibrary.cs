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

    private static readonly Lock Gate = new();
    private static string? _loadedPath;
    private static string? _version;

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

    private static IntPtr Resolve(string name, string librdkafkaPath) => name switch
    {
        "librdkafka" => NativeLibrary.Load(librdkafkaPath),
        "libdl" => NativeLibrary.TryLoad("libdl.so.2", out var handle) ? handle : IntPtr.Zero,
        _ => IntPtr.Zero,
    };
}
