using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StreamOrleans.Runtime.Diagnostics;

/// <summary>
/// The runtime's activity sources and meters. Names follow "StreamOrleans.&lt;Area&gt;" so that the telemetry SDK's
/// "StreamOrleans.*" subscription picks up every area (grain areas define their own in Grains/&lt;Area&gt;).
/// Nothing here costs more than a null check while no listener is attached.
/// </summary>
public static class RuntimeDiagnostics
{
    /// <summary>Name prefix every StreamOrleans source and meter shares; subscribe to it with a trailing "*".</summary>
    public const string NamePattern = "StreamOrleans.*";

    /// <summary>Grain activations, turns and storage.</summary>
    public const string RuntimeName = "StreamOrleans.Runtime";

    /// <summary>Stream log, partition pumps, checkpoints and dead letters.</summary>
    public const string StreamsName = "StreamOrleans.Streams";

    /// <summary>Spans of grain turns and storage writes.</summary>
    public static ActivitySource RuntimeSource { get; } = new(RuntimeName);

    /// <summary>Spans of partition-pump batches.</summary>
    public static ActivitySource StreamsSource { get; } = new(StreamsName);

    /// <summary>Instruments of grain activations and turns.</summary>
    public static Meter RuntimeMeter { get; } = new(RuntimeName);

    /// <summary>Instruments of stream consumption.</summary>
    public static Meter StreamsMeter { get; } = new(StreamsName);
}
