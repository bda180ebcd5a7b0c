using StreamOrleans.Runtime;

namespace StreamOrleans.Benchmarks.Runtime;

/// <summary>The smallest grain call: a number in, the number plus one out.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task<int> PingAsync(int value);
}
