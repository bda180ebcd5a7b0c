namespace StreamOrleans.Streaming.Routing;

/// <summary>
/// Sends each record of a topic to the streams of its consumers, instead of the one stream (topic, record key): a post
/// keyed by its id goes to one stream per hashtag and to a global ranking stream. Every target stream gets the
/// record with its own position (topic, partition, offset), so the exactly-once bookkeeping of each consumer holds,
/// and the queue commits the record only when every target's consumer applied it.
/// </summary>
/// <remarks>Runs on the pulling agent's turn for every record: keep it fast and free of I/O. It must be deterministic
/// (a replay must route a record the same way).</remarks>
public interface ILogTopicRouter
{
    /// <summary>The stream namespaces this router targets (checked at start for implicit subscribers).</summary>
    IReadOnlyCollection<string> Namespaces { get; }

    /// <summary>Adds the streams <paramref name="item"/> (decoded and valid, keyed <paramref name="key"/>) goes to; none drops it.</summary>
    void Route(object item, string key, ICollection<StreamId> streams);
}
