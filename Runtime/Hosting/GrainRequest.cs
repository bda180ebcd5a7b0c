namespace StreamOrleans.Runtime.Hosting;

/// <summary>A grain method call waiting in (or running from) the target's mailbox.</summary>
internal sealed class GrainRequest<TResult>(Func<object, object?[]?, Task<TResult>> call, object?[]? arguments) : WorkItem
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Task => _completion.Task;

    public override async Task ExecuteAsync(GrainActivation activation)
    {
        try
        {
            _completion.TrySetResult(await call(activation.Instance!, arguments));
        }
        catch (Exception e)
        {
            _completion.TrySetException(e);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
