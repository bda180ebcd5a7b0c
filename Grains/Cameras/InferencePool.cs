using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace StreamOrleans.Grains.Cameras;

/// <summary>
/// A small pool of dedicated threads (Cameras:InferenceConcurrency) that runs frame analyses, so that the
/// CPU-heavy model work never occupies the .NET thread pool that Orleans runs every grain and stream on: a camera's
/// turn awaits its analysis here while the other streams, the API and the dashboard keep their threads. At most
/// InferenceConcurrency analyses run at once; the rest wait in order of arrival (each camera grain has at most one
/// frame in flight, so the queue is bounded by the number of cameras plus enrolments).
/// </summary>
public sealed class InferencePool : IDisposable
{
    private readonly BlockingCollection<Action> _queue = [];
    private readonly Thread[] _threads;

    public InferencePool(IOptions<CamerasOptions> options)
        : this(options?.Value.ResolveInferenceConcurrency() ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public InferencePool(int concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrency);
        _threads = [.. Enumerable.Range(0, concurrency).Select(i => new Thread(Work) { IsBackground = true, Name = $"face-inference-{i}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Threads that run analyses.</summary>
    public int Concurrency => _threads.Length;

    /// <summary>Analyses waiting for a thread.</summary>
    public int Queued => _queue.Count;

    /// <summary>Runs <paramref name="work"/> on a pool thread; the task completes (on the thread pool) with its result or exception.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queuedAt = Stopwatch.GetTimestamp();
        _queue.Add(() =>
        {
            CamerasTelemetry.InferenceWait.Record(Stopwatch.GetElapsedTime(queuedAt).TotalSeconds);
            try
            {
                result.SetResult(work());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        });
        return result.Task;
    }

    /// <summary>Stops taking work; analyses already queued still run.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        _queue.Dispose();
    }

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            item();
        }
    }
}
