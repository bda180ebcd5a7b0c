namespace StreamOrleans.Benchmarks.OrleansRuntime;

/// <summary>Answers pings; no state.</summary>
public sealed class OrleansPingGrain : Orleans.Grain, IOrleansPingGrain
{
    /// <inheritdoc />
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}
