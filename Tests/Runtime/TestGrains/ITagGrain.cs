using StreamOrleans.Runtime;

namespace StreamOrleans.Tests.Runtime.TestGrains;

public interface ITagGrain : IGrainWithStringKey
{
    /// <summary>The texts of the events routed here, in order.</summary>
    Task<IReadOnlyList<string>> GetTextsAsync();
}
