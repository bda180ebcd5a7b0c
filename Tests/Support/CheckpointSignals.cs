using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Tests.Support;

/// <summary>Waits for stream progress by awaiting the runtime's checkpoint signals (never by sleeping).</summary>
public static class CheckpointSignals
{
    /// <summary>
    /// Completes when the silo's consumer group has committed every partition of <paramref name="topic"/> up to the
    /// end offsets it has now: everything appended so far is applied and persisted.
    /// </summary>
    public static async Task WaitUntilCommittedAsync(StreamRuntime streams, string topic, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var log = streams.Log;
        var ends = (await log.GetOffsetsAsync(topic)).ToDictionary(o => o.Partition, o => o.EndOffset);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var check = new SemaphoreSlim(1, 1);

        async Task CheckAsync()
        {
            await check.WaitAsync();
            try
            {
                var committed = await log.GetCommittedOffsetsAsync(streams.Options.ConsumerGroup, topic);
                if (ends.All(e => e.Value == 0 || (committed.TryGetValue(e.Key, out var c) && c >= e.Value)))
                {
                    done.TrySetResult();
                }
            }
            finally
            {
                check.Release();
            }
        }

        void OnCheckpoint(string t, int partition, long offset)
        {
            if (t == topic)
            {
                _ = Task.Run(CheckAsync);
            }
        }

        streams.Stats.CheckpointCommitted += OnCheckpoint;
        try
        {
            await CheckAsync();
            await done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        finally
        {
            streams.Stats.CheckpointCommitted -= OnCheckpoint;
        }
    }
}
