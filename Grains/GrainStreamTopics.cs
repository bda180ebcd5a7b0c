using StreamOrleans.Grains.Interfaces.Cameras;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Recommendations;
using StreamOrleans.Grains.Trends;
using StreamOrleans.Streaming.Configuration;

namespace StreamOrleans.Grains;

/// <summary>
/// The topics the grains consume and produce, with the type each record decodes to: what the stream provider carries.
/// A topic's name is the stream namespace its consumers subscribe to, unless a router sends its records elsewhere.
/// </summary>
public static class GrainStreamTopics
{
    /// <summary>Every topic of the grains.</summary>
    public static IReadOnlyList<LogTopic> All { get; } =
    [
        LogTopic.Create<CounterEvent>(CounterEvent.Topic, GrainsJsonContext.Default),
        LogTopic.Create<UserEvent>(UserEvent.Topic, RecommendationsJsonContext.Default),
        LogTopic.Output<RecommendationUpdate>(RecommendationUpdate.Topic, RecommendationsJsonContext.Default),
        LogTopic.Routed<Post, PostRouter>(Post.Topic, TrendsJsonContext.Default),
        LogTopic.Output<TrendAlert>(TrendAlert.OutputTopic, TrendsJsonContext.Default),
        LogTopic.Raw(CameraTopics.Frames),
        LogTopic.Raw(CameraTopics.AnnotatedFrames, consumed: false),
    ];
}
