using StreamOrleans.Runtime;

namespace StreamOrleans.Grains.Interfaces.Diagnostics;

/// <summary>
/// The smallest stream-consuming grain: counts and sums the <see cref="CounterEvent"/>s of topic "counter-events"
/// with its key. Used to check the pipeline end to end (crash tests, benchmarks, smoke tests of a deployment).
/// </summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>How many events this counter applied and their sum.</summary>
    Task<CounterSnapshot> GetAsync();
}
