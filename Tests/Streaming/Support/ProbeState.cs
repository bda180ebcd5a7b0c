using StreamOrleans.Streaming.ExactlyOnce;

namespace StreamOrleans.Tests.Streaming.Support;

[Orleans.GenerateSerializer]
public sealed class ProbeState : IExactlyOnceState
{
    [Orleans.Id(0)]
    public long Count { get; set; }

    [Orleans.Id(1)]
    public AppliedPositions Applied { get; set; } = new();

    /// <summary>Values of "record" events, in the order they were applied.</summary>
    [Orleans.Id(2)]
    public List<long> Recorded { get; set; } = [];
}
