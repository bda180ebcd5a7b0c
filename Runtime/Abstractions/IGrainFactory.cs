namespace StreamOrleans.Runtime;

/// <summary>Gives references to grains. A reference is cheap, usable from any thread and from other grains.</summary>
public interface IGrainFactory
{
    /// <summary>
    /// A reference to the grain implementing <typeparamref name="TGrainInterface"/> with the given key. The grain is
    /// activated on its first call; every call runs on that grain's own scheduler, one at a time.
    /// </summary>
    /// <exception cref="ArgumentException">The key is empty, too long or has control characters.</exception>
    /// <exception cref="InvalidOperationException">No registered grain class implements the interface.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;
}
