using System.Diagnostics.Metrics;

namespace StreamOrleans.Runtime.Diagnostics;

/// <summary>Instruments of grain activations and turns (meter "StreamOrleans.Runtime"); tag "grain.type".</summary>
internal static class RuntimeInstruments
{
    public const string GrainTypeTag = "grain.type";

    /// <summary>Duration of one turn (a call, an event, a checkpoint request), in seconds.</summary>
    public static readonly Histogram<double> TurnDuration = RuntimeDiagnostics.RuntimeMeter.CreateHistogram<double>(
        "streamorleans.grain.turn.duration", "s", "Duration of one grain turn",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5] });

    /// <summary>Duration of one grain-state write, in seconds.</summary>
    public static readonly Histogram<double> StorageWriteDuration = RuntimeDiagnostics.RuntimeMeter.CreateHistogram<double>(
        "streamorleans.storage.write.duration", "s", "Duration of one grain-state write",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1] });

    /// <summary>Tag of a remote call's outcome: "ok", "failed" or "timeout".</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>Duration of a grain call sent to the replica that hosts the grain, in seconds, by grain type and outcome.</summary>
    public static readonly Histogram<double> RemoteCallDuration = RuntimeDiagnostics.RuntimeMeter.CreateHistogram<double>(
        "streamorleans.grain.remote_call.duration", "s", "Duration of a grain call run on another replica",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5, 30] });

    static RuntimeInstruments()
    {
        RuntimeDiagnostics.RuntimeMeter.CreateObservableGauge("streamorleans.grain.active", ObserveActive, "{grain}", "Active grain activations per grain type");
        RuntimeDiagnostics.RuntimeMeter.CreateObservableGauge("streamorleans.grain.mailbox.depth", ObserveMailboxDepth, "{item}", "Work items queued in grain mailboxes per grain type");
    }

    /// <summary>Touching this makes sure the observable instruments exist (the static constructor creates them).</summary>
    public static void EnsureCreated()
    {
    }

    private static IEnumerable<Measurement<long>> ObserveActive() => Observe(static _ => 1);

    private static IEnumerable<Measurement<long>> ObserveMailboxDepth() => Observe(static a => a.QueueLength);

    private static List<Measurement<long>> Observe(Func<Hosting.GrainActivation, long> value)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var runtime in LiveStreamRuntimes.All)
        {
            foreach (var activation in runtime.Catalog.Activations)
            {
                totals[activation.Id.Type] = totals.GetValueOrDefault(activation.Id.Type) + value(activation);
            }
        }

        return [.. totals.Select(t => new Measurement<long>(t.Value, new KeyValuePair<string, object?>(GrainTypeTag, t.Key)))];
    }
}
