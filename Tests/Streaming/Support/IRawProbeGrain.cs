using StreamOrleans.Streaming.Routing;

namespace StreamOrleans.Tests.Streaming.Support;

/// <summary>A consumer of the raw topic "probe-raw": keeps every record it applied.</summary>
public interface IRawProbeGrain : Orleans.IGrainWithStringKey
{
    /// <summary>The records applied, in order.</summary>
    Task<List<RawRecord>> GetReceivedAsync();
}
