using StreamOrleans.Grains.Interfaces.Diagnostics;

namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>The benchmark's twin of <see cref="ICounterGrain"/>, fed by Orleans' memory streams.</summary>
public interface IMemoryCounterGrain : Orleans.IGrainWithStringKey
{
    /// <summary>How many events this counter applied and their sum.</summary>
    Task<CounterSnapshot> GetAsync();
}
