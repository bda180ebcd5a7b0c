namespace StreamOrleans.Runtime.Streams;

/// <summary>
/// For stream-consuming grains that keep a live model in fields and copy it into their persistent state only when it
/// is written: the runtime calls <see cref="OnBeforeCheckpoint"/> inside the grain's turn just before it writes the
/// state with the stream positions (every checkpoint, and the final flush on deactivation), instead of the grain
/// exporting its model after every event.
/// </summary>
public interface IStreamCheckpointAware
{
    /// <summary>Copy the live model into the persistent state's <c>State</c>.</summary>
    void OnBeforeCheckpoint();
}
