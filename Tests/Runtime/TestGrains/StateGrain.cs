using System.Collections.Concurrent;
using System.Threading.Channels;
using StreamOrleans.Runtime;

namespace StreamOrleans.Tests.Runtime.TestGrains;

public sealed class StateGrain([PersistentState("main")] IPersistentState<TestState> state) : Grain, IStateGrain
{
    /// <summary>Completed with the deactivation reason when a key's activation deactivates.</summary>
    public static readonly ConcurrentDictionary<string, TaskCompletionSource<DeactivationReason>> Deactivations = new();

    /// <summary>Completed with the tick count after each timer tick, per key.</summary>
    public static readonly ConcurrentDictionary<string, Channel<long>> Ticks = new();

    private IGrainTimer? _timer;
    private int _inTurn;

    public async Task SetAsync(string value, bool write)
    {
        state.State.Value = value;
        if (write)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<string> GetAsync() => Task.FromResult(state.State.Value);

    public Task<string?> GetEtagAsync() => Task.FromResult(state.Etag);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task StartTimerAsync(TimeSpan period)
    {
        _timer?.Dispose();
        _timer = RegisterGrainTimer(OnTickAsync, period, period);
        return Task.CompletedTask;
    }

    public Task<long> GetCountAsync() => Task.FromResult(state.State.Count);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await state.WriteStateAsync(cancellationToken);
        Deactivations.GetOrAdd(GetPrimaryKeyString(), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(reason);
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _inTurn, 1) != 0)
        {
            throw new InvalidOperationException("tick overlapped another turn");
        }

        await Task.Yield();
        state.State.Count++;
        Volatile.Write(ref _inTurn, 0);
        Ticks.GetOrAdd(GetPrimaryKeyString(), _ => Channel.CreateUnbounded<long>()).Writer.TryWrite(state.State.Count);
    }
}
