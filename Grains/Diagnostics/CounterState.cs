namespace StreamOrleans.Grains.Diagnostics;

/// <summary>Persistent state of <see cref="CounterGrain"/>.</summary>
public sealed class CounterState
{
    public long Count { get; set; }

    public long Sum { get; set; }
}
