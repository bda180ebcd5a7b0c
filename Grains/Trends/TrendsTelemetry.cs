using System.Diagnostics;
using System.Diagnostics.Metrics;
using StreamOrleans.Grains.Interfaces.Trends;

namespace StreamOrleans.Grains.Trends;

/// <summary>Spans and instruments of the trends feature ("StreamOrleans.Trends").</summary>
public static class TrendsTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "StreamOrleans.Trends";

    /// <summary>Spans.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Trend alerts published, by kind.</summary>
    public static readonly Counter<long> Alerts = Meter.CreateCounter<long>("streamorleans.trends.alerts", "{alert}", "Burst start/stop alerts published");

    /// <summary>Posts applied by topic grains.</summary>
    public static readonly Counter<long> TopicPosts = Meter.CreateCounter<long>("streamorleans.trends.topic_posts", "{post}", "Posts applied to topic grains (one per topic of a post)");

    private static SentimentModelMetrics? _metrics;

    static TrendsTelemetry()
    {
        Meter.CreateObservableGauge("streamorleans.trends.sentiment.accuracy", () => _metrics is { LabelledPosts: > 0 } m ? [new Measurement<double>(m.WindowAccuracy)] : Array.Empty<Measurement<double>>(), "1", "Prequential accuracy of the learned sentiment model (recent window)");
        Meter.CreateObservableGauge("streamorleans.trends.sentiment.macro_f1", () => _metrics is { LabelledPosts: > 0 } m ? [new Measurement<double>(m.WindowMacroF1)] : Array.Empty<Measurement<double>>(), "1", "Prequential macro-F1 of the learned sentiment model (recent window)");
    }

    internal static void RecordSentimentModel(SentimentModelMetrics metrics) => _metrics = metrics;
}
