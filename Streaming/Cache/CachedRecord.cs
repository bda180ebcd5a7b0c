using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Streaming.Cache;

/// <summary>A record in a queue's cache: the container the receiver made, its lane and its sequence in the lane.</summary>
internal sealed record CachedRecord(LogBatchContainer Container, StreamLane Lane, long LaneSeq)
{
    public LogEvent Event => Container.Events[0];
}
