namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>Which JSON document a route expects, so the fuzzer can start from a plausible one.</summary>
public enum JsonShape
{
    /// <summary>Unknown to the fuzzer: any JSON value.</summary>
    Any,

    /// <summary>An ingest batch: {"events":[{"key","value","headers"}]} with values of the topic's event type.</summary>
    Ingest,

    /// <summary>A consumer-group seek: {"to"|"offset"|"timestamp", "partition", "resetState"}.</summary>
    Seek,

    /// <summary>A sentiment request: {"text"}.</summary>
    Sentiment,
}
