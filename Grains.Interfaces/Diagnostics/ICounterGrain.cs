namespace StreamOrleans.Grains.Interfaces.Diagnostics;

/// <summary>
/// The counter of <see cref="CounterEvent"/>s (topic "counter-events") on Microsoft Orleans and the log stream
/// provider: the end-to-end check of the pipeline (smoke tests of a deployment); it holds
/// the totals the crash tests and benchmarks check.
/// </summary>
public interface ICounterGrain : Orleans.IGrainWithStringKey
{
    /// <summary>How many events this counter applied and their sum.</summary>
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<CounterSnapshot> GetAsync();
}
