namespace StreamOrleans.Runtime;

/// <summary>A timer registered by a grain; its callback runs inside the grain's turns. Dispose to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes the due time and period; the next tick is scheduled from now.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
