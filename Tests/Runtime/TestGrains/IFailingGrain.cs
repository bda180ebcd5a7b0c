using StreamOrleans.Runtime;

namespace StreamOrleans.Tests.Runtime.TestGrains;

/// <summary>Fails to activate for keys starting with "bad".</summary>
public interface IFailingGrain : IGrainWithStringKey
{
    Task<string> PingAsync();
}
