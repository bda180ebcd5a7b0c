using System.Collections.Concurrent;
using StreamOrleans.Runtime;

namespace StreamOrleans.Tests.Runtime.TestGrains;

public sealed class TurnGrain : Grain, ITurnGrain
{
    /// <summary>Signals tests release blocked calls with.</summary>
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Signals = new();

    /// <summary>How many activations each key has had.</summary>
    public static readonly ConcurrentDictionary<string, int> Activations = new();

    private readonly Guid _activationId = Guid.NewGuid();
    private readonly List<int> _log = [];
    private int _inTurn;
    private int _count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        if (Interlocked.Exchange(ref _inTurn, 1) != 0)
        {
            throw new InvalidOperationException("two calls ran in one turn");
        }

        var before = _count;
        await Task.Yield();
        AssertOnGrainScheduler();
        await Task.Delay(1);
        AssertOnGrainScheduler();
        _count = before + 1;
        Volatile.Write(ref _inTurn, 0);
        return _count;
    }

    public ValueTask AppendAsync(int value)
    {
        _log.Add(value);
        return ValueTask.CompletedTask;
    }

    public Task<IReadOnlyList<int>> GetLogAsync() => Task.FromResult<IReadOnlyList<int>>([.. _log]);

    public Task<Guid> GetActivationIdAsync() => Task.FromResult(_activationId);

    public Task<Guid> CallOtherAsync(string key) => GrainFactory.GetGrain<ITurnGrain>(key).GetActivationIdAsync();

    public Task BlockAsync(string signal) => Signals.GetOrAdd(signal, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private static void AssertOnGrainScheduler()
    {
        if (TaskScheduler.Current is not StreamOrleans.Runtime.Hosting.ActivationTaskScheduler)
        {
            throw new InvalidOperationException($"continuation ran on {TaskScheduler.Current.GetType().Name}, not the grain's scheduler");
        }
    }
}
