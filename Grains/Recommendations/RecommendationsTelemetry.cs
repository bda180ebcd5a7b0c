using System.Diagnostics;
using System.Diagnostics.Metrics;
using StreamOrleans.Streaming.Diagnostics;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>Spans and instruments of the recommendation feature ("StreamOrleans.Recommendations").</summary>
public static class RecommendationsTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "StreamOrleans.Recommendations";

    /// <summary>Spans: training runs, fold-in + top-N.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>
    /// A "recommender.recommend" span, only inside a trace: a traced request, or a delivery whose record carried a trace
    /// context (as "storage.write" does). Every user-event delivery recomputes the list it publishes; as root spans those
    /// were one trace each, about 300 a second in the demo, which filled the Aspire dashboard's 10,000-trace store in
    /// half a minute and pushed out the traces of real requests.
    /// </summary>
    public static Activity? StartRecommend() =>
        Activity.Current is not null ? Source.StartActivity("recommender.recommend")
        : StreamingDiagnostics.CallerContext() is { } caller ? Source.StartActivity("recommender.recommend", ActivityKind.Internal, caller)
        : null;

    private static readonly Meter Meter = new(Name);

    /// <summary>Training wall time per version.</summary>
    public static readonly Histogram<double> TrainingDuration = Meter.CreateHistogram<double>("streamorleans.recommender.training.duration", "s", "Training and evaluation time of a model version",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    /// <summary>Model versions trained.</summary>
    public static readonly Counter<long> VersionsTrained = Meter.CreateCounter<long>("streamorleans.recommender.versions", "{version}", "Model versions trained");

    private static double _servingNdcg = double.NaN;

    static RecommendationsTelemetry() =>
        Meter.CreateObservableGauge("streamorleans.recommender.ndcg10", () => double.IsNaN(_servingNdcg) ? [] : new[] { new Measurement<double>(_servingNdcg) }, "1", "NDCG@10 of the serving model on its holdout");

    internal static void RecordServing(double? ndcg10) => _servingNdcg = ndcg10 ?? double.NaN;
}
