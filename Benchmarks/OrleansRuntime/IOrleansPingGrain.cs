namespace StreamOrleans.Benchmarks.OrleansRuntime;

/// <summary>The smallest Orleans grain call: returns its argument plus one.</summary>
public interface IOrleansPingGrain : Orleans.IGrainWithStringKey
{
    /// <summary>Returns <paramref name="value"/> + 1.</summary>
    Task<int> PingAsync(int value);
}
