namespace StreamOrleans.Grains;

/// <summary>The names of the Orleans providers the grains use; the silo registers providers under these names.</summary>
public static class GrainProviders
{
    /// <summary>The stream provider (our log, or Event Hubs) every grain consumes from and produces to.</summary>
    public const string Streams = "log";

    /// <summary>The grain storage every grain's state lives in.</summary>
    public const string Storage = "grains";

    /// <summary>
    /// The key of the <see cref="TimeProvider"/> grains and their models read (event windows, decay, training
    /// schedules). It is the host's clock unless a test registers a manual one under this key: Orleans' own timers
    /// and timeouts keep the real clock.
    /// </summary>
    public const string Clock = "grains";
}
