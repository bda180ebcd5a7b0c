namespace StreamOrleans.Streaming.Rewind;

/// <summary>A grain storage that can delete the states built from a topic (those whose positions name it), to rebuild them from the log.</summary>
public interface IStreamStateReset
{
    /// <summary>Deletes every stored grain state that applied events of <paramref name="topic"/> (of its <paramref name="partition"/> only, when given); returns how many went.</summary>
    Task<int> ClearAppliedTopicAsync(string topic, int? partition = null, CancellationToken cancellationToken = default);
}
