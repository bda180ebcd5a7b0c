using System.Collections.Concurrent;

namespace StreamOrleans.Runtime.Hosting;

/// <summary>
/// Runs one activation's tasks one at a time, in order, on the thread pool: Orleans' ActivationTaskScheduler idea.
/// Because grain code awaits without ConfigureAwait(false), every continuation is queued back here, so a grain's
/// code never runs on two threads at once and needs no locks.
/// </summary>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // Tasks run per thread-pool visit before yielding the thread, so one busy grain cannot monopolise a worker.
    private const int MaxTasksPerVisit = 64;

    [ThreadStatic]
    private static ActivationTaskScheduler? t_running;

    private readonly ConcurrentQueue<Task> _queue = new();
    private int _scheduled;

    /// <summary>True when the calling code runs inside this scheduler (inside the grain's turn).</summary>
    public bool IsCurrent => t_running == this;

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task)
    {
        _queue.Enqueue(task);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    // Inlining is allowed only when we are already running this scheduler's work on this thread: still one at a time.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        t_running == this && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    void IThreadPoolWorkItem.Execute()
    {
        t_running = this;
        try
        {
            for (var i = 0; i < MaxTasksPerVisit && _queue.TryDequeue(out var task); i++)
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            t_running = null;
        }

        Volatile.Write(ref _scheduled, 0);
        if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }
}
