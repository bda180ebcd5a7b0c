namespace StreamOrleans.Grains.Interfaces;

/// <summary>
/// How long the API waits for a grain's answer to a query before it answers 503 (with Retry-After): Orleans' response
/// timeout (30 s by default) also bounds calls lost in a network partition or to a hung silo, and a client should not
/// wait that long for a read. Put on query methods as <c>[ResponseTimeout(QueryTimeout.Value)]</c>.
/// </summary>
public static class QueryTimeout
{
    /// <summary>10 seconds.</summary>
    public const string Value = "00:00:10";
}
