using Orleans.Runtime;
using StreamOrleans.Streaming.Routing;

namespace StreamOrleans.Tests.Streaming.Support;

/// <summary>
/// Routes a record keyed "a,b,c" to the probe streams of keys a, b and c (as PostRouter sends a post to every hashtag's
/// stream), so one record has several consumers that each must apply it.
/// </summary>
public sealed class ProbeRouter : ILogTopicRouter
{
    /// <summary>The routed test topic.</summary>
    public const string Topic = "probe-routed";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Namespaces { get; init; } = [ProbeEvent.Topic];

    /// <inheritdoc />
    public void Route(object item, string key, ICollection<StreamId> streams)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(streams);
        foreach (var target in key.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            streams.Add(StreamId.Create(ProbeEvent.Topic, target));
        }
    }
}
