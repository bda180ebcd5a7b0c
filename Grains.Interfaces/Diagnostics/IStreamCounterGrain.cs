namespace StreamOrleans.Grains.Interfaces.Diagnostics;

/// <summary>
/// The counter of <see cref="CounterEvent"/>s (topic "counter-events") on Microsoft Orleans and the log stream
/// provider: the end-to-end check of the Orleans pipeline (crash tests, benchmarks). It replaces
/// <see cref="ICounterGrain"/> when the grains move to Orleans.
/// </summary>
public interface IStreamCounterGrain : Orleans.IGrainWithStringKey
{
    /// <summary>How many events this counter applied and their sum.</summary>
    Task<CounterSnapshot> GetAsync();
}
