using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StreamOrleans.Persistence.Stores;

/// <summary>
/// Grain-state writes of the group-commit stores: a "storage.write" span (source "StreamOrleans.Storage") when the
/// write happens inside a trace, and the write duration (meter "StreamOrleans.Storage", tag "grain.type").
/// </summary>
internal static class StorageTracing
{
    /// <summary>Name of the activity source and meter of grain-state writes.</summary>
    public const string Name = "StreamOrleans.Storage";

    private static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Tag naming the grain type.</summary>
    public const string GrainTypeTag = "grain.type";

    /// <summary>Duration of one grain-state write, in seconds.</summary>
    public static readonly Histogram<double> WriteDuration = Meter.CreateHistogram<double>(
        "streamorleans.storage.write.duration", "s", "Duration of one grain-state write",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1] });

    /// <summary>True while anyone listens to the span or the duration (otherwise writes are not wrapped).</summary>
    public static bool Enabled => Source.HasListeners() || WriteDuration.Enabled;

    /// <summary>Awaits <paramref name="write"/> inside a span (when traced) and records its duration.</summary>
    public static async Task<string> TraceWriteAsync(Task<string> write, GrainStateKey grain, string stateName)
    {
        var started = Stopwatch.GetTimestamp();

        // A write span belongs to a trace; an untraced write (most stream deliveries) is only measured, not a root span.
        using var span = Activity.Current is null ? null : Source.StartActivity("storage.write", ActivityKind.Client);
        span?.SetTag(GrainTypeTag, grain.Type);
        span?.SetTag("grain.key", grain.Key);
        span?.SetTag("state.name", stateName);
        try
        {
            return await write.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            WriteDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(GrainTypeTag, grain.Type));
        }
    }
}
