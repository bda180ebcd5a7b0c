using StreamOrleans.Streaming.ExactlyOnce;

namespace StreamOrleans.Tests.Streaming.Support;

[Orleans.GenerateSerializer]
public sealed class RawProbeState : IExactlyOnceState
{
    /// <summary>Each applied record's bytes and headers, in order.</summary>
    [Orleans.Id(0)]
    public List<RawProbeItem> Received { get; set; } = [];

    [Orleans.Id(1)]
    public AppliedPositions Applied { get; set; } = new();
}
