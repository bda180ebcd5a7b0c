using System.Buffers.Text;

namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>The value a latency-round producer writes: a counter event with its send time (Stopwatch ticks).</summary>
internal static class StampedValue
{
    private static readonly byte[] Prefix = """{"amount":1,"sentAt":"""u8.ToArray();

    /// <summary>The UTF-8 JSON value <c>{"amount":1,"sentAt":stamp}</c>.</summary>
    public static byte[] Create(long stamp) => [.. Prefix, .. System.Text.Encoding.UTF8.GetBytes(stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)), (byte)'}'];

    /// <summary>Reads the stamp of a value made by <see cref="Create"/>.</summary>
    public static bool TryReadStamp(ReadOnlySpan<byte> value, out long stamp)
    {
        stamp = 0;
        return value.StartsWith(Prefix) && Utf8Parser.TryParse(value[Prefix.Length..], out stamp, out _);
    }
}
