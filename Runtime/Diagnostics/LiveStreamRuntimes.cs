using System.Collections.Concurrent;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Runtime.Diagnostics;

/// <summary>The stream runtimes running in this process, read by the observable instruments' callbacks.</summary>
internal static class LiveStreamRuntimes
{
    private static readonly ConcurrentDictionary<StreamRuntime, byte> s_runtimes = new();

    public static ICollection<StreamRuntime> All => s_runtimes.Keys;

    public static void Add(StreamRuntime runtime) => s_runtimes.TryAdd(runtime, 0);

    public static void Remove(StreamRuntime runtime) => s_runtimes.TryRemove(runtime, out _);
}
