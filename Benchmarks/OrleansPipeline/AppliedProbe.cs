using System.Diagnostics;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>
/// Observes what the consumer grains applied without touching them: an incoming grain-call filter sees each log
/// delivery (<c>DeliverBatch</c> with a <see cref="LogBatchContainer"/>) return, which is after the grain applied the
/// events and wrote state + positions, and counts its events; while recording, it also takes each event's
/// ingest-to-applied time from the producer's stamp in the value (<see cref="StampedValue"/>). The memory-stream
/// twin reports its own count (<see cref="AddMemoryApplied"/>).
/// </summary>
public sealed class AppliedProbe : Orleans.IIncomingGrainCallFilter
{
    private const int MaxLatencies = 8_000_000;
    private readonly double[] _latencies = new double[MaxLatencies];
    private long _logApplied;
    private long _memoryApplied;
    private long _logDeliveries;
    private long _memoryDeliveries;
    private int _latencyCount;
    private volatile bool _recording;

    /// <summary>Log events applied (deliveries returned) since start.</summary>
    public long LogApplied => Volatile.Read(ref _logApplied);

    /// <summary>Memory-stream events applied since start.</summary>
    public long MemoryApplied => Volatile.Read(ref _memoryApplied);

    /// <summary>Log deliveries (grain calls) that returned since start.</summary>
    public long LogDeliveries => Volatile.Read(ref _logDeliveries);

    /// <summary>Memory-stream deliveries the twin handled since start.</summary>
    public long MemoryDeliveries => Volatile.Read(ref _memoryDeliveries);

    /// <summary>Counts one delivery of <paramref name="count"/> events the memory-stream twin applied.</summary>
    public void AddMemoryApplied(int count)
    {
        Interlocked.Add(ref _memoryApplied, count);
        Interlocked.Increment(ref _memoryDeliveries);
    }

    /// <summary>Starts (or restarts) recording ingest-to-applied times of stamped log events.</summary>
    public void StartRecording()
    {
        Volatile.Write(ref _latencyCount, 0);
        _recording = true;
    }

    /// <summary>Stops recording and returns the recorded times in milliseconds.</summary>
    public double[] StopRecording()
    {
        _recording = false;
        return _latencies.AsSpan(0, Math.Min(Volatile.Read(ref _latencyCount), MaxLatencies)).ToArray();
    }

    /// <inheritdoc />
    public Task Invoke(Orleans.IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        // IStreamConsumerExtension.DeliverBatch(subscriptionId, streamId, container, handshakeToken, cancellationToken).
        if (request.GetArgumentCount() == 5 && request.GetArgument(2) is LogBatchContainer container)
        {
            return ObserveAsync(context, container);
        }

        return context.Invoke();
    }

    private async Task ObserveAsync(Orleans.IIncomingGrainCallContext context, LogBatchContainer container)
    {
        await context.Invoke();
        Interlocked.Add(ref _logApplied, container.Events.Length);
        Interlocked.Increment(ref _logDeliveries);
        if (!_recording)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        foreach (var item in container.Events)
        {
            if (StampedValue.TryReadStamp(item.Value, out var stamp))
            {
                var slot = Interlocked.Increment(ref _latencyCount) - 1;
                if (slot < MaxLatencies)
                {
                    _latencies[slot] = Stopwatch.GetElapsedTime(stamp, now).TotalMilliseconds;
                }
            }
        }
    }
}
