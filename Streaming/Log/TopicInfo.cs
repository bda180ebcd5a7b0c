namespace StreamOrleans.Streaming.Log;

/// <summary>A topic's configuration.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Partitions">Number of partitions (fixed at creation).</param>
/// <param name="CreatedAt">When the topic was created.</param>
public sealed record TopicInfo(string Name, int Partitions, DateTimeOffset CreatedAt)
{
    /// <summary>Most partitions a topic may have, in every stream log.</summary>
    public const int MaxPartitions = 1024;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 1 &lt;= <paramref name="partitions"/> &lt;= <see cref="MaxPartitions"/>.</summary>
    public static void ThrowIfInvalidPartitionCount(int partitions, string paramName = "partitions")
    {
        if (partitions is < 1 or > MaxPartitions)
        {
            throw new ArgumentOutOfRangeException(paramName, partitions, $"A topic has 1 to {MaxPartitions} partitions (got {partitions}).");
        }
    }
}
