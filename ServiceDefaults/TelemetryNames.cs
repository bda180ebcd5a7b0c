namespace Microsoft.Extensions.Hosting;

/// <summary>The meters and activity sources every StreamOrleans process subscribes to (docs/observability.md says which matter).</summary>
public static class TelemetryNames
{
    /// <summary>Prefix of our own meters and sources (StreamOrleans.Streams, .Streaming, .Runtime, .Cameras, ...).</summary>
    public const string OursPattern = "StreamOrleans.*";

    /// <summary>Orleans' meter: grain calls, activations, messaging, stream pulling agents, membership.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// Orleans' activity source of its own calls (stream deliveries, grain timer ticks, membership, statistics). Not
    /// exported: nearly all of them start a trace of their own (measured on the demo: 10,000 timer-tick and 3,000
    /// delivery root spans a minute), which filled the exporter's queue so that the traces users sent were dropped.
    /// A traced record's delivery is followed by our own <c>stream.deliver</c> and <c>stream.apply</c> spans instead.
    /// </summary>
    public const string OrleansRuntimeSource = "Microsoft.Orleans.Runtime";

    /// <summary>Orleans' activity source of application grain calls.</summary>
    public const string OrleansApplicationSource = "Microsoft.Orleans.Application";

    /// <summary>Meters exported (besides the ASP.NET Core, HttpClient and runtime instrumentation).</summary>
    public static IReadOnlyList<string> Meters { get; } = [OrleansMeter, OursPattern];

    /// <summary>Activity sources exported (besides ASP.NET Core and HttpClient).</summary>
    public static IReadOnlyList<string> ActivitySources { get; } = [OrleansApplicationSource, OursPattern];
}
