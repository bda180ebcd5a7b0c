using StreamOrleans.Runtime;

namespace StreamOrleans.Tests.Runtime.TestGrains;

public interface IRawBytesGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<(byte[] Value, IReadOnlyDictionary<string, string> Headers)>> GetReceivedAsync();
}
