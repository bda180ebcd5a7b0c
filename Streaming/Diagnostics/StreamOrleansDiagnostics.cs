using System.Diagnostics.Metrics;

namespace StreamOrleans.Streaming.Diagnostics;

/// <summary>
/// The meter of the logs (ingest, checkpoints, dead letters) and the name pattern every StreamOrleans source and meter
/// shares. Names follow "StreamOrleans.&lt;Area&gt;" so that the telemetry SDK's "StreamOrleans.*" subscription picks up
/// every area (the stream provider, the stores and the grain areas define their own). Nothing here costs more than a
/// null check while no listener is attached.
/// </summary>
public static class StreamOrleansDiagnostics
{
    /// <summary>Name prefix every StreamOrleans source and meter shares; subscribe to it with a trailing "*".</summary>
    public const string NamePattern = "StreamOrleans.*";

    /// <summary>Stream log ingest, checkpoints and dead letters.</summary>
    public const string StreamsName = "StreamOrleans.Streams";

    /// <summary>Instruments of stream ingest, checkpoints and dead letters.</summary>
    public static Meter StreamsMeter { get; } = new(StreamsName);
}
