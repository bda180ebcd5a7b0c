namespace StreamOrleans.Tests.Support;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/>. Timers created
/// through it fire, in due-time order, as the clock passes their due times. (Microsoft's FakeTimeProvider
/// package does not restore here, so this is our own, smallest version.)
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(DateTimeOffset DueAt, TaskCompletionSource Armed)> _armedWaiters = [];
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way (callbacks run inline).</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + delta;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.DueAt is { } d && d <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.DueAt!.Value;
                next.DueAt = next.Period is { } p && p > TimeSpan.Zero && p != Timeout.InfiniteTimeSpan ? _now + p : null;
                if (next.DueAt is null)
                {
                    _timers.Remove(next);
                }
                else
                {
                    OnArmed(next.DueAt.Value);
                }
            }

            next.Fire();
        }
    }

    /// <summary>Sets the clock to an absolute time (forward only), firing due timers.</summary>
    public void SetUtcNow(DateTimeOffset value) => Advance(value - GetUtcNow());

    /// <summary>
    /// Completes when some timer is armed to fire at <paramref name="dueAt"/>: the signal that a component has
    /// scheduled its next wake-up, so a test can advance the clock past it without racing that component.
    /// </summary>
    public Task WhenTimerArmedAsync(DateTimeOffset dueAt)
    {
        lock (_lock)
        {
            if (_timers.Any(t => t.DueAt == dueAt))
            {
                return Task.CompletedTask;
            }

            var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _armedWaiters.Add((dueAt, armed));
            return armed.Task;
        }
    }

    private void OnArmed(DateTimeOffset dueAt)
    {
        for (var i = _armedWaiters.Count - 1; i >= 0; i--)
        {
            if (_armedWaiters[i].DueAt == dueAt)
            {
                _armedWaiters[i].Armed.TrySetResult();
                _armedWaiters.RemoveAt(i);
            }
        }
    }

    /// <summary>Number of timers currently armed (helps a test know a component has scheduled its wake-up).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
                Period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    DueAt = null;
                    return true;
                }

                DueAt = owner._now + dueTime;
                owner._timers.Add(this);
                owner.OnArmed(DueAt.Value);
                return true;
            }
        }

        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
                DueAt = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
