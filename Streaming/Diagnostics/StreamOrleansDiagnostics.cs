using System.Diagnostics.Metrics;

namespace StreamOrleans.Streaming.Diagnostics;

/// <summary>
/// The meter of the logs (ingest, checkpoints, dead letters). Names follow "StreamOrleans.&lt;Area&gt;" so that
/// ServiceDefaults' "StreamOrleans.*" subscription (<c>TelemetryNames.OursPattern</c>) picks up every area (the stream
/// provider, the stores and the grain areas define their own). Nothing here costs more than a null check while no
/// listener is attached.
/// </summary>
public static class StreamOrleansDiagnostics
{
    /// <summary>Stream log ingest, checkpoints and dead letters.</summary>
    public const string StreamsName = "StreamOrleans.Streams";

    /// <summary>Instruments of stream ingest, checkpoints and dead letters.</summary>
    public static Meter StreamsMeter { get; } = new(StreamsName);
}
