using Confluent.Kafka;
using StreamOrleans.Runtime.Streams.Kafka;

namespace StreamOrleans.Tests.Streams.Kafka;

/// <summary>Debian's librdkafka is found and loaded without the librdkafka.redist package; no broker needed.</summary>
public sealed class KafkaNativeLibraryTests
{
    [Fact]
    public void Loads_the_system_librdkafka_and_reports_a_2x_version()
    {
        var version = KafkaNativeLibrary.EnsureLoaded();

        Assert.StartsWith("2.", version, StringComparison.Ordinal);
        Assert.Equal(version, Library.VersionString);
        Assert.True(File.Exists(KafkaNativeLibrary.LoadedPath), $"loaded path '{KafkaNativeLibrary.LoadedPath}' should exist");
        Assert.Equal(version, KafkaNativeLibrary.EnsureLoaded());
    }

    [Fact]
    public void Partition_lists_marshal_without_librdkafka_21_leader_epoch_functions()
    {
        KafkaNativeLibrary.EnsureLoaded();
        var options = new KafkaOptions { BootstrapServers = "127.0.0.1:1" };
        using var consumer = new ConsumerBuilder<string, byte[]>(KafkaClientConfigs.ForReader(options)).Build();
        var partition = new TopicPartition("t", new Partition(0));

        // Assign writes a partition list, Position reads one back: both touch the leader-epoch bindings.
        consumer.Assign(new TopicPartitionOffset(partition, new Offset(5)));
        var position = consumer.Position(partition);

        Assert.Equal([partition], consumer.Assignment);
        Assert.True(position == Offset.Unset || position == new Offset(5), $"position {position}");
        if (Library.Version < 0x020100ff)
        {
            Assert.Equal(3, KafkaNativeLibrary.Fallbacks.Count);
        }
    }
}
