using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Streaming.Configuration;

namespace StreamOrleans.Grains;

/// <summary>The topics the Orleans grains consume, with the event type each decodes to: what the log stream provider carries.</summary>
public static class GrainStreamTopics
{
    /// <summary>Every consumed topic (one per implicit subscription namespace).</summary>
    public static IReadOnlyList<LogTopic> All { get; } =
    [
        LogTopic.Create<CounterEvent>(CounterEvent.Topic, GrainsJsonContext.Default),
    ];
}
