namespace StreamOrleans.Tests.Streaming.Support;

/// <summary>A consumer whose behaviour the test steers per event: count it, throw, or block until released.</summary>
public interface IProbeGrain : Orleans.IGrainWithStringKey
{
    /// <summary>Events counted (applied exactly once).</summary>
    Task<long> GetCountAsync();

    /// <summary>Values of the "record" events, in the order they were applied.</summary>
    Task<List<long>> GetRecordedAsync();
}
