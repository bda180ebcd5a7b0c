using StreamOrleans.Runtime;

namespace StreamOrleans.Tests.Runtime.TestGrains;

public interface IStreamCounterGrain : IGrainWithStringKey
{
    /// <summary>Events applied, their sum, and the amounts in the order they were applied.</summary>
    Task<(long Count, long Sum, IReadOnlyList<long> Applied)> GetAsync();
}
