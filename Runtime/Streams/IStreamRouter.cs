namespace StreamOrleans.Runtime.Streams;

/// <summary>Maps an event to the keys of the grains that must receive it (one event may reach several grains).</summary>
/// <typeparam name="TEvent">The decoded event type.</typeparam>
public interface IStreamRouter<in TEvent>
{
    /// <summary>Adds the target grain keys to <paramref name="grainKeys"/>; duplicates are removed by the runtime.</summary>
    void Route(TEvent item, string recordKey, ICollection<string> grainKeys);
}
