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
}
