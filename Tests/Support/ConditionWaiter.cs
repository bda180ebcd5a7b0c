namespace StreamOrleans.Tests.Support;

/// <summary>
/// Awaits a condition over state that other threads change: every <see cref="Notify"/> rechecks the waiting
/// conditions, so a test waits for the real signal, never by sleeping or polling.
/// </summary>
public sealed class ConditionWaiter
{
    private readonly Lock _gate = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Something changed: completes the waits whose condition now holds.</summary>
    public void Notify()
    {
        List<(Func<bool> Condition, TaskCompletionSource Done)> waiters;
        lock (_gate)
        {
            waiters = [.. _waiters];
        }

        foreach (var waiter in waiters.Where(w => w.Condition()))
        {
            waiter.Done.TrySetResult();
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes when <paramref name="condition"/> holds, or fails after <paramref name="timeout"/> naming <paramref name="what"/>.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((condition, done));
        }

        Notify();
        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for: {what}");
        }
    }
}
