using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Tests.Runtime.TestGrains;

/// <summary>Keeps every raw record of topic "raw-bytes" it receives (in memory) for the raw-subscription tests.</summary>
[ImplicitStreamSubscription("raw-bytes")]
public sealed class RawBytesGrain : Grain, IRawBytesGrain, IStreamSubscriber<RawEvent>
{
    private readonly List<(byte[] Value, IReadOnlyDictionary<string, string> Headers)> _received = [];

    public Task OnNextAsync(RawEvent item, StreamEventContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(context);
        _received.Add((item.Value.ToArray(), context.Headers));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(byte[] Value, IReadOnlyDictionary<string, string> Headers)>> GetReceivedAsync() =>
        Task.FromResult<IReadOnlyList<(byte[] Value, IReadOnlyDictionary<string, string> Headers)>>([.. _received]);
}
