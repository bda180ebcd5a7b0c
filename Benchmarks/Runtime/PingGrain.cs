using StreamOrleans.Runtime;

namespace StreamOrleans.Benchmarks.Runtime;

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}
