using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StreamOrleans.Runtime.Diagnostics;

/// <summary>
/// The activity sources and meters of the logs and stores. Names follow "StreamOrleans.&lt;Area&gt;" so that the
/// telemetry SDK's "StreamOrleans.*" subscription picks up every area (the stream provider and the grain areas define
/// their own). Nothing here costs more than a null check while no listener is attached.
/// </summary>
public static class RuntimeDiagnostics
{
    /// <summary>Name prefix every StreamOrleans source and meter shares; subscribe to it with a trailing "*".</summary>
    public const string NamePattern = "StreamOrleans.*";

    /// <summary>Grain-state storage.</summary>
    public const string RuntimeName = "StreamOrleans.Runtime";

    /// <summary>Stream log ingest, checkpoints and dead letters.</summary>
    public const string StreamsName = "StreamOrleans.Streams";

    /// <summary>Spans of storage writes.</summary>
    public static ActivitySource RuntimeSource { get; } = new(RuntimeName);

    /// <summary>Instruments of storage writes.</summary>
    public static Meter RuntimeMeter { get; } = new(RuntimeName);

    /// <summary>Instruments of stream ingest, checkpoints and dead letters.</summary>
    public static Meter StreamsMeter { get; } = new(StreamsName);
}
