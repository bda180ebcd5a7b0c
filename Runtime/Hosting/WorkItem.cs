namespace StreamOrleans.Runtime.Hosting;

/// <summary>Something an activation runs as one turn: a call, a stream delivery, a checkpoint, a timer tick.</summary>
internal abstract class WorkItem
{
    /// <summary>Whether running it counts as activity that postpones idle collection (timer ticks do not).</summary>
    public virtual bool CountsAsActivity => true;

    /// <summary>Runs the work inside the activation's turn. Exceptions are the item's own business (report, don't throw).</summary>
    public abstract Task ExecuteAsync(GrainActivation activation);

    /// <summary>Fails the item without running it (the activation could not be created).</summary>
    public abstract void Fail(Exception exception);
}
