using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Runtime.Streams;

/// <summary>Asks a grain, in its turn (so after every event queued before it), to persist its state and stream positions.</summary>
internal sealed class CheckpointRequest : WorkItem
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _done.Task;

    public override bool CountsAsActivity => false;

    public override async Task ExecuteAsync(GrainActivation activation)
    {
        try
        {
            await activation.FlushStreamStateAsync(CancellationToken.None);
            _done.TrySetResult();
        }
        catch (Exception e)
        {
            _done.TrySetException(e);
        }
    }

    // The activation never started, so it applied nothing: nothing to persist.
    public override void Fail(Exception exception) => _done.TrySetResult();
}
