using System.Reflection;
using Orleans.Runtime;
using Orleans.Streams;
using StreamOrleans.Streaming.ExactlyOnce;
using StreamOrleans.Streaming.Provider;
using StreamOrleans.Tests.Streaming.Support;

namespace StreamOrleans.Tests.Streaming.ExactlyOnce;

/// <summary>
/// Storage failing under <see cref="ExactlyOnceExtensions.ApplyOnceAsync{TState, TEvent}(IGrainBase, IPersistentState{TState}, IList{SequentialItem{TEvent}}, Action{TState, TEvent})"/>:
/// the chaos harness lost events when a PostgreSQL restart failed a state write and the read after it, the retried
/// delivery found the events applied in memory, was confirmed, and the activation later went away.
/// </summary>
public sealed class ExactlyOnceStorageFailureTests
{
    private static readonly Action<ProbeState, long> Count = static (state, _) => state.Count++;

    [Fact]
    public async Task A_delivery_retried_after_storage_was_down_for_the_write_and_the_read_back_is_applied_and_written()
    {
        var grain = new FakeGrain();
        var state = new FlakyState();
        await grain.ApplyOnceAsync(state, [Item(0)], Count);

        state.Down = true;
        await Assert.ThrowsAsync<IOException>(() => grain.ApplyOnceAsync(state, [Item(1)], Count));
        state.Down = false;
        await grain.ApplyOnceAsync(state, [Item(1)], Count);

        Assert.Equal(2, state.Stored.Count);
    }

    [Fact]
    public async Task A_write_that_committed_before_failing_is_not_applied_again_when_the_delivery_is_retried()
    {
        var grain = new FakeGrain();
        var state = new FlakyState();
        state.CommitThenFail = true;
        state.Down = true; // the read back fails too
        await Assert.ThrowsAsync<IOException>(() => grain.ApplyOnceAsync(state, [Item(0), Item(1)], Count));
        state.Down = false;
        state.CommitThenFail = false;
        await grain.ApplyOnceAsync(state, [Item(0), Item(1)], Count);

        Assert.Equal(2, state.Stored.Count);
        Assert.Equal(2, state.State.Count);
    }

    [Fact]
    public async Task A_delivery_while_storage_is_still_down_fails_instead_of_confirming_events_storage_does_not_have()
    {
        var grain = new FakeGrain();
        var state = new FlakyState { Down = true };
        await Assert.ThrowsAsync<IOException>(() => grain.ApplyOnceAsync(state, [Item(0)], Count));
        await Assert.ThrowsAsync<IOException>(() => grain.ApplyOnceAsync(state, [Item(0)], Count));
        state.Down = false;
        await grain.ApplyOnceAsync(state, [Item(0)], Count);
        Assert.Equal(1, state.Stored.Count);
    }

    [Fact]
    public async Task A_grain_that_decides_work_before_applying_reads_a_stale_state_back_first()
    {
        var grain = new FakeGrain();
        var state = new FlakyState();
        state.Down = true;
        await Assert.ThrowsAsync<IOException>(() => grain.ApplyOnceAsync(state, [Item(0)], Count));
        Assert.True(state.State.Applied.IsApplied(Item(0).Token)); // memory is ahead of storage

        await Assert.ThrowsAsync<IOException>(() => grain.ReadBackIfStaleAsync(state));
        state.Down = false;
        await grain.ReadBackIfStaleAsync(state);

        Assert.False(state.State.Applied.IsApplied(Item(0).Token));
        Assert.Equal(0, state.State.Count);
    }

    private static SequentialItem<long> Item(long offset) => new(offset, new LogSequenceToken("counter-events", 0, offset));

    /// <summary>Grain state over an in-memory "store" that can be down (reads and writes throw) or commit a write and then throw.</summary>
    private sealed class FlakyState : IPersistentState<ProbeState>
    {
        public ProbeState Stored { get; private set; } = new();

        public bool Down { get; set; }

        public bool CommitThenFail { get; set; }

        public ProbeState State { get; set; } = new();

        public string? Etag { get; private set; }

        public bool RecordExists => Etag is not null;

        public Task ClearStateAsync() => throw new NotSupportedException();

        public Task ReadStateAsync()
        {
            if (Down)
            {
                throw new IOException("storage is down");
            }

            State = Copy(Stored);
            return Task.CompletedTask;
        }

        public Task WriteStateAsync()
        {
            if (CommitThenFail)
            {
                Stored = Copy(State);
                Etag = Guid.NewGuid().ToString();
                throw new IOException("connection lost after the commit");
            }

            if (Down)
            {
                throw new IOException("storage is down");
            }

            Stored = Copy(State);
            Etag = Guid.NewGuid().ToString();
            return Task.CompletedTask;
        }

        private static ProbeState Copy(ProbeState state)
        {
            var copy = new ProbeState { Count = state.Count, Recorded = [.. state.Recorded] };
            foreach (var (key, position) in state.Applied.ByPartition)
            {
                copy.Applied.ByPartition[key] = position;
            }

            foreach (var (key, position) in state.Applied.ByTopic)
            {
                copy.Applied.ByTopic[key] = position;
            }

            return copy;
        }
    }

    /// <summary>Just enough of a grain for the helper: a context whose members answer defaults.</summary>
    private sealed class FakeGrain : IGrainBase
    {
        public IGrainContext GrainContext { get; } = DispatchProxy.Create<IGrainContext, DefaultsProxy>();
    }

    /// <summary>Answers every call with the default of its return type.</summary>
    public class DefaultsProxy : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.ReturnType is { IsValueType: true } type && type != typeof(void) ? Activator.CreateInstance(type) : null;
    }
}
