using StreamOrleans.Streaming.ExactlyOnce;

namespace StreamOrleans.Grains.Diagnostics;

/// <summary>Persistent state of <see cref="CounterGrain"/>: totals and the positions they include.</summary>
[Orleans.GenerateSerializer]
public sealed class CounterState : IExactlyOnceState
{
    /// <summary>Events applied.</summary>
    [Orleans.Id(0)]
    public long Count { get; set; }

    /// <summary>Sum of their amounts.</summary>
    [Orleans.Id(1)]
    public long Sum { get; set; }

    /// <inheritdoc />
    [Orleans.Id(2)]
    public AppliedPositions Applied { get; set; } = new();
}
