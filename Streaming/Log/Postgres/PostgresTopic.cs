namespace StreamOrleans.Streaming.Log.Postgres;

/// <summary>A topic as cached by <see cref="PostgresStreamLog"/>: its row id, its description, and one wake-up signal per partition.</summary>
internal sealed class PostgresTopic(int id, TopicInfo info)
{
    public int Id { get; } = id;

    public TopicInfo Info { get; } = info;

    public Sqlite.PartitionSignal[] Signals { get; } = Enumerable.Range(0, info.Partitions).Select(_ => new Sqlite.PartitionSignal(0)).ToArray();
}
