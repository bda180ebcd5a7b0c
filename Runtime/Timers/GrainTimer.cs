using Microsoft.Extensions.Logging;
using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Runtime.Timers;

/// <summary>
/// A grain timer: a <see cref="TimeProvider"/> timer whose ticks are queued into the grain's mailbox, so the
/// callback runs inside a turn. It is one-shot and re-armed after each callback completes, so ticks never overlap.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private TimeSpan _period;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _period = period;
        _timer = activation.Runtime.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        _period = period;
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnDue()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        // A full mailbox drops this tick (the grain is busy anyway) and tries again one period later.
        if (_activation.TryPost(new TickWorkItem(this)) == PostResult.Full)
        {
            Rearm();
        }
    }

    private void Rearm()
    {
        if (!_disposed.IsCancellationRequested && _period != Timeout.InfiniteTimeSpan)
        {
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
    }

    private sealed class TickWorkItem(GrainTimer timer) : WorkItem
    {
        public override bool CountsAsActivity => false;

        public override async Task ExecuteAsync(GrainActivation activation)
        {
            if (timer._disposed.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await timer._callback(timer._disposed.Token);
            }
            catch (Exception e)
            {
                activation.Runtime.Logger.LogError(e, "Timer callback of {Grain} failed", activation.Id);
            }
            finally
            {
                timer.Rearm();
            }
        }

        public override void Fail(Exception exception)
        {
        }
    }
}
