using System.Threading.Channels;

namespace StreamOrleans.Benchmarks.OrleansRuntime;

/// <summary>The baseline: one reader task answering requests from a channel, like a mailbox without a runtime.</summary>
internal sealed class ChannelServer : IDisposable
{
    private readonly Channel<(int Value, TaskCompletionSource<int> Reply)> _requests = Channel.CreateUnbounded<(int, TaskCompletionSource<int>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _server;

    public ChannelServer() => _server = Task.Run(ServeAsync);

    public Task<int> CallAsync(int value)
    {
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Writer.TryWrite((value, reply));
        return reply.Task;
    }

    public void Dispose()
    {
        _requests.Writer.TryComplete();
        _server.Wait();
    }

    private async Task ServeAsync()
    {
        await foreach (var (value, reply) in _requests.Reader.ReadAllAsync())
        {
            reply.TrySetResult(value + 1);
        }
    }
}
