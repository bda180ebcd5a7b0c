namespace StreamOrleans.Tests.Streaming.Support;

/// <summary>The log under the stream provider in a test cluster.</summary>
public enum LogBackend
{
    /// <summary>The embedded SQLite file (with SQLite grain state).</summary>
    Sqlite,

    /// <summary>PostgreSQL tables (with PostgreSQL grain state), Debian's server.</summary>
    Postgres,

    /// <summary>Kafka: librdkafka's in-process mock cluster, or the broker STREAMORLEANS_KAFKA_BOOTSTRAP names (SQLite grain state).</summary>
    Kafka,
}
