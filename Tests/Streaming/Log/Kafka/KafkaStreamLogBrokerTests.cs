using System.Text;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Kafka;

namespace StreamOrleans.Tests.Streaming.Log.Kafka;

/// <summary>
/// The <see cref="IStreamLog"/> contract against librdkafka's mock cluster, or a real broker when
/// STREAMORLEANS_KAFKA_BOOTSTRAP names one (the look-ups the mock lacks are tested only there).
/// </summary>
public sealed class KafkaStreamLogBrokerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [KafkaFact]
    public async Task Topics_are_created_once_with_their_partition_count()
    {
        var topic = KafkaTestCluster.UniqueName("so-topics");
        await using var log = new KafkaStreamLog(KafkaTestCluster.Options(), KafkaTestCluster.UniqueName("so-group"));
        try
        {
            Assert.Null(await log.GetTopicAsync(topic));
            KafkaTestCluster.PrepareTopic(topic, 3);

            var created = await log.CreateTopicAsync(topic, 3);
            var again = await log.CreateTopicAsync(topic, 3);

            Assert.Equal((topic, 3), (created.Name, created.Partitions));
            Assert.Equal(created, again);
            Assert.Equal(created, await log.GetTopicAsync(topic));
            Assert.Contains(created, await log.ListTopicsAsync());
            var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await log.CreateTopicAsync(topic, 5));
            Assert.Contains("already exists with 3 partitions", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await KafkaTestCluster.DeleteTopicsAsync(topic);
        }
    }

    [KafkaFact]
    public async Task Appended_records_read_back_in_order_with_dense_offsets_and_commits_round_trip()
    {
        var topic = KafkaTestCluster.UniqueName("so-log");
        var group = KafkaTestCluster.UniqueName("so-group");
        await using var log = new KafkaStreamLog(KafkaTestCluster.Options(), group);
        try
        {
            KafkaTestCluster.PrepareTopic(topic, 3);
            await log.CreateTopicAsync(topic, 3);
            var records = Enumerable.Range(0, 60)
                .Select(i => new StreamRecord($"key-{i % 7}", Encoding.UTF8.GetBytes($"value-{i}"), new Dictionary<string, string> { ["seq"] = $"{i}", ["ключ"] = "значение" }))
                .ToList();

            var results = await log.AppendAsync(topic, records);

            // Each record went to its key's partition; per partition, offsets are 0, 1, 2... in input order.
            var expectedByPartition = new Dictionary<int, List<int>>();
            for (var i = 0; i < records.Count; i++)
            {
                var partition = StreamPartitioner.GetPartition(records[i].Key, 3);
                var list = expectedByPartition.TryGetValue(partition, out var l) ? l : expectedByPartition[partition] = [];
                Assert.Equal(new AppendResult(partition, list.Count), results[i]);
                list.Add(i);
            }

            var offsets = await log.GetOffsetsAsync(topic);
            Assert.Equal(
                Enumerable.Range(0, 3).Select(p => new PartitionOffsets(p, 0, expectedByPartition.GetValueOrDefault(p)?.Count ?? 0)),
                offsets);

            foreach (var (partition, indexes) in expectedByPartition)
            {
                var read = await log.ReadAsync(topic, partition, 0, 1000);
                Assert.Equal(indexes.Select(i => $"value-{i}"), read.Select(r => Encoding.UTF8.GetString(r.Value.Span)));
                Assert.Equal(Enumerable.Range(0, indexes.Count).Select(o => (long)o), read.Select(r => r.Offset));
                Assert.All(read, r => Assert.Equal((topic, partition, "значение"), (r.Topic, r.Partition, r.Headers["ключ"])));
                Assert.Equal(indexes.Select(i => records[i].Key), read.Select(r => r.Key));

                var tail = await log.ReadAsync(topic, partition, 1, 2);
                Assert.Equal(read.Skip(1).Take(2).Select(r => r.Offset), tail.Select(r => r.Offset));
                Assert.Empty(await log.ReadAsync(topic, partition, indexes.Count, 10));
                Assert.Equal(indexes.Count, await log.FindOffsetAsync(topic, partition, DateTimeOffset.UtcNow.AddHours(1)));
            }

            // No member of the group is live, so the admin client commits.
            await log.CommitAsync(group, topic, 0, 2);
            Assert.Equal(new Dictionary<int, long> { [0] = 2 }, await log.GetCommittedOffsetsAsync(group, topic));
        }
        finally
        {
            await KafkaTestCluster.DeleteTopicsAsync(topic);
        }
    }

    [KafkaFact(RealBrokerOnly = "the mock cluster answers every timestamp look-up (OffsetsForTimes) with -1, the end")]
    public async Task A_timestamp_before_the_first_record_finds_offset_zero()
    {
        var topic = KafkaTestCluster.UniqueName("so-time");
        await using var log = new KafkaStreamLog(KafkaTestCluster.Options(), "g");
        try
        {
            await log.CreateTopicAsync(topic, 1);
            var before = DateTimeOffset.UtcNow.AddMinutes(-1);
            await log.AppendAsync(topic, [.. Enumerable.Range(0, 3).Select(i => new StreamRecord("k", Encoding.UTF8.GetBytes($"{i}")))]);

            Assert.Equal(0, await log.FindOffsetAsync(topic, 0, before));
            Assert.Equal(3, await log.FindOffsetAsync(topic, 0, DateTimeOffset.UtcNow.AddHours(1)));
        }
        finally
        {
            await KafkaTestCluster.DeleteTopicsAsync(topic);
        }
    }

    [KafkaFact(RealBrokerOnly = "the mock cluster has no ListGroups")]
    public async Task Groups_that_committed_on_the_topic_are_listed()
    {
        var topic = KafkaTestCluster.UniqueName("so-groups");
        var group = KafkaTestCluster.UniqueName("so-group");
        await using var log = new KafkaStreamLog(KafkaTestCluster.Options(), group);
        try
        {
            await log.CreateTopicAsync(topic, 1);
            await log.AppendAsync(topic, [new StreamRecord("k", "v"u8.ToArray())]);
            await log.CommitAsync(group, topic, 0, 1);

            Assert.Contains(group, await log.ListConsumerGroupsAsync(topic));
        }
        finally
        {
            await KafkaTestCluster.DeleteTopicsAsync(topic);
        }
    }

    [KafkaFact]
    public async Task A_waiter_wakes_when_a_record_arrives_from_another_client()
    {
        var topic = KafkaTestCluster.UniqueName("so-wait");
        await using var reader = new KafkaStreamLog(KafkaTestCluster.Options(), "g");
        await using var writer = new KafkaStreamLog(KafkaTestCluster.Options(), "g");
        try
        {
            KafkaTestCluster.PrepareTopic(topic, 1);
            await reader.CreateTopicAsync(topic, 1);
            Assert.Empty(await reader.ReadAsync(topic, 0, 0, 10));
            var waiting = reader.WaitForRecordsAsync(topic, 0, 0, CancellationToken.None).AsTask();
            Assert.False(waiting.IsCompleted);

            await writer.AppendAsync(topic, [new StreamRecord("k", "v"u8.ToArray())]);

            await waiting.WaitAsync(Timeout);
            var read = await reader.ReadAsync(topic, 0, 0, 10);
            Assert.Equal("v", Encoding.UTF8.GetString(Assert.Single(read).Value.Span));
        }
        finally
        {
            await KafkaTestCluster.DeleteTopicsAsync(topic);
        }
    }

    [KafkaFact]
    public async Task Idle_partition_readers_are_closed_and_reopened_where_the_caller_asks()
    {
        var topic = KafkaTestCluster.UniqueName("so-idle");
        await using var log = new KafkaStreamLog(KafkaTestCluster.Options(), "g");
        try
        {
            KafkaTestCluster.PrepareTopic(topic, 1);
            await log.CreateTopicAsync(topic, 1);
            await log.AppendAsync(topic, [.. Enumerable.Range(0, 5).Select(i => new StreamRecord("k", Encoding.UTF8.GetBytes($"{i}")))]);
            Assert.Equal([0L, 1L], (await log.ReadAsync(topic, 0, 0, 2)).Select(r => r.Offset));

            log.ReaderIdleTimeout = TimeSpan.Zero;
            var afterEviction = await log.ReadAsync(topic, 0, 2, 10);

            Assert.Equal([2L, 3L, 4L], afterEviction.Select(r => r.Offset));
            Assert.Equal(["2", "3", "4"], afterEviction.Select(r => Encoding.UTF8.GetString(r.Value.Span)));
        }
        finally
        {
            await KafkaTestCluster.DeleteTopicsAsync(topic);
        }
    }

    [KafkaFact]
    public async Task Appending_to_a_missing_topic_is_an_unknown_topic()
    {
        await using var log = new KafkaStreamLog(KafkaTestCluster.Options(), "g");

        await Assert.ThrowsAsync<UnknownTopicException>(async () => await log.AppendAsync(KafkaTestCluster.UniqueName("so-missing"), [new StreamRecord("k", "v"u8.ToArray())]));
    }
}
