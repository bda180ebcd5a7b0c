using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using StreamOrleans.Streaming.DeadLetters;
using StreamOrleans.Streaming.Diagnostics;

namespace StreamOrleans.Streaming.ExactlyOnce;

/// <summary>
/// Exactly-once effect of stream events on grain state, on top of Orleans' at-least-once delivery: apply the events
/// not applied yet, record their positions in the state, and write state and positions in one storage write before
/// the delivery returns. A crash before the write loses the in-memory change and the queue's committed offset is not
/// past those events (the provider commits only what deliveries confirmed), so they come again; a crash after it
/// replays events the positions mark as applied, and they are skipped.
/// </summary>
/// <remarks>
/// Method: idempotent consumer with a per-source high-water mark stored atomically with the state, as in Kafka
/// Streams' and Flink's state-with-offsets checkpoints. Call it as <c>this.ApplyOnceAsync(state, items, apply)</c> from <c>IAsyncBatchObserver&lt;T&gt;.OnNextAsync</c> or
/// <c>IAsyncObserver&lt;T&gt;.OnNextAsync</c>; resume implicit subscriptions without a token (<c>handle.ResumeAsync(this)</c>).
/// <para>
/// Poison events: when <c>apply</c> throws, the state is read back from storage (dropping the half-applied change), the
/// events before the failing one are applied again, and the failing one is retried up to <see cref="MaxApplyAttempts"/>
/// times with a doubling backoff; then it goes to the dead-letter topic with the exception as reason (when the silo
/// has an <see cref="IStreamDeadLetters"/>, as the log provider registers), is marked applied, and the rest of the
/// delivery goes on. Storage failures are not retried here: they propagate, Orleans retries the delivery, and replays
/// are skipped. A failed write is followed by a read of the stored state; when that read fails too (storage down),
/// the activation's state is marked stale and the next delivery reads it back before applying anything: otherwise
/// the retried events would look applied in memory, be confirmed, and be lost when the activation goes away.
/// </para>
/// </remarks>
public static class ExactlyOnceExtensions
{
    /// <summary>How many times an event whose apply throws is tried before it is dead-lettered.</summary>
    public const int MaxApplyAttempts = 3;

    /// <summary>The backoff before the second attempt; it doubles for each further one.</summary>
    public static readonly TimeSpan FirstRetryBackoff = TimeSpan.FromMilliseconds(20);

    // States whose memory may be ahead of storage (a write and the read after it failed): read back before the next apply.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> StaleStates = [];

    /// <summary>Applies the events of a batch delivery that were not applied yet; one write. Returns how many were applied.</summary>
    public static Task<int> ApplyOnceAsync<TState, TEvent>(
        this IGrainBase grain, IPersistentState<TState> state, IList<SequentialItem<TEvent>> items, Action<TState, TEvent> apply)
        where TState : IExactlyOnceState
    {
        ArgumentNullException.ThrowIfNull(apply);
        return grain.ApplyOnceAsync(state, items, (s, item, _) => apply(s, item));
    }

    /// <summary>
    /// Applies the events of a batch delivery that were not applied yet, each with its position; one write. A grain
    /// that keeps a working model beside its state (sketches, trackers) passes <paramref name="hooks"/>: it exports
    /// the model into the state before the write and rebuilds it after the state is read back. Returns how many were applied.
    /// </summary>
    public static async Task<int> ApplyOnceAsync<TState, TEvent>(
        this IGrainBase grain, IPersistentState<TState> state, IList<SequentialItem<TEvent>> items,
        Action<TState, TEvent, StreamSequenceToken> apply, ExactlyOnceHooks<TState>? hooks = null)
        where TState : IExactlyOnceState
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(apply);
        using var activity = StreamingDiagnostics.StartApply(grain.GrainContext.GrainId, items.Select(static item => item.Token));
        await grain.ReadBackIfStaleAsync(state, hooks);
        var poisoned = new HashSet<int>();
        var attempts = 0;
        while (true)
        {
            var (applied, failedAt, error) = TryApplyAll(state.State, items, apply, poisoned);
            if (error is null)
            {
                if (applied > 0 || poisoned.Count > 0)
                {
                    hooks?.BeforeWrite?.Invoke(state.State);
                    await WriteOrReloadAsync(state, hooks);
                }

                activity?.SetTag("streamorleans.applied", applied);
                return applied;
            }

            // Drop the half-applied change; the events before the failing one are applied again on the next pass.
            await ReloadAsync(state, hooks);
            if (++attempts < MaxApplyAttempts)
            {
                await Task.Delay(FirstRetryBackoff * (1 << (attempts - 1)));
                continue;
            }

            await DeadLetterAsync(grain.GrainContext, items[failedAt].Token, items[failedAt].Item, error, attempts);
            poisoned.Add(failedAt);
            attempts = 0;
        }
    }

    /// <summary>
    /// Reads the state back from storage when an earlier delivery left memory ahead of it (its write and the read after
    /// it failed). <c>ApplyOnceAsync</c> does this first; a grain that decides work from <c>Applied</c> before calling it
    /// (analysing only the events not applied yet) calls this before deciding. Throws while storage is still down.
    /// </summary>
    public static async Task ReadBackIfStaleAsync<TState>(this IGrainBase grain, IPersistentState<TState> state, ExactlyOnceHooks<TState>? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(state);
        if (StaleStates.TryGetValue(state, out _))
        {
            await ReloadAsync(state, hooks);
        }
    }

    /// <summary>Applies one event unless it was applied already; one write. Returns whether it was applied.</summary>
    public static async Task<bool> ApplyOnceAsync<TState, TEvent>(
        this IGrainBase grain, IPersistentState<TState> state, TEvent item, StreamSequenceToken? token, Action<TState, TEvent> apply)
        where TState : IExactlyOnceState =>
        await grain.ApplyOnceAsync(state, [new SequentialItem<TEvent>(item, token!)], apply) == 1;

    private static (int Applied, int FailedAt, Exception? Error) TryApplyAll<TState, TEvent>(
        TState state, IList<SequentialItem<TEvent>> items, Action<TState, TEvent, StreamSequenceToken> apply, HashSet<int> poisoned)
        where TState : IExactlyOnceState
    {
        var applied = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (state.Applied.IsApplied(item.Token))
            {
                continue;
            }

            if (!poisoned.Contains(i))
            {
                try
                {
                    apply(state, item.Item, item.Token);
                }
                catch (Exception e)
                {
                    return (applied, i, e);
                }

                applied++;
            }

            state.Applied.MarkApplied(item.Token);
        }

        return (applied, -1, null);
    }

    private static async Task DeadLetterAsync<TEvent>(IGrainContext context, StreamSequenceToken? token, TEvent item, Exception error, int attempts)
    {
        var deadLetters = context.ActivationServices.GetService<IStreamDeadLetters>();
        if (deadLetters is null)
        {
            // No dead-letter topic here: let Orleans retry the delivery and handle the failure.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            return;
        }

        await deadLetters.PublishAsync(token, item, context.GrainId, $"{error.GetType().Name}: {error.Message}", attempts);
    }

    // A failed write leaves memory ahead of storage: read it back so the retried delivery is applied again, once.
    private static async Task WriteOrReloadAsync<TState>(IPersistentState<TState> state, ExactlyOnceHooks<TState>? hooks)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            try
            {
                await ReloadAsync(state, hooks);
            }
            catch (Exception)
            {
                // Storage is down: the state stays marked stale, so the retried delivery reads it back first; surface
                // the write's error, not this one.
            }

            throw;
        }
    }

    // Reads the stored state back over memory. Until that succeeds the state is marked stale, so no later delivery
    // applies on top of memory that storage does not have.
    private static async Task ReloadAsync<TState>(IPersistentState<TState> state, ExactlyOnceHooks<TState>? hooks)
    {
        StaleStates.AddOrUpdate(state, state);
        await state.ReadStateAsync();
        hooks?.AfterReload?.Invoke(state.State);
        StaleStates.Remove(state);
    }
}
