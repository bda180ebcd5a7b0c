using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using StreamOrleans.Persistence;
using StreamOrleans.Persistence.Stores;

namespace StreamOrleans.Tests.Persistence;

/// <summary>
/// A state store that is briefly down surfaces as <see cref="GrainStorageUnavailableException"/>, which Orleans can send
/// to a caller on another silo (the driver's own exception arrived as a CodecNotFoundException, a 500 in the chaos run).
/// </summary>
public sealed class GrainStorageUnavailableTests
{
    [Fact]
    public async Task A_transient_database_error_on_read_and_write_becomes_GrainStorageUnavailableException_with_the_drivers_message()
    {
        var storage = new GroupCommitGrainStorage("grains", new DownStore());
        var state = new GrainState<StoredNote> { State = new StoredNote() };

        var read = await Assert.ThrowsAsync<GrainStorageUnavailableException>(() => storage.ReadStateAsync("note", GrainId.Create("note", "a"), state));
        var write = await Assert.ThrowsAsync<GrainStorageUnavailableException>(() => storage.WriteStateAsync("note", GrainId.Create("note", "a"), state));

        Assert.Contains("Exception while connecting", read.Message, StringComparison.Ordinal);
        Assert.Contains("grains", write.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void It_crosses_silos_Orleans_serializes_it_with_its_message()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new GrainStorageUnavailableException("grains: the grain state store is unavailable")));

        Assert.IsType<GrainStorageUnavailableException>(copy);
        Assert.Equal("grains: the grain state store is unavailable", copy.Message);
    }

    private sealed class DownStore : IGrainStateStore
    {
        private static NpgsqlException Down() => new("Exception while connecting", new System.Net.Sockets.SocketException(111));

        public Task<GrainStateRecord?> ReadAsync(GrainStateKey grain, string stateName, CancellationToken cancellationToken = default) => throw Down();

        public Task<string> WriteAsync(GrainStateKey grain, string stateName, GrainStateRecord record, string? expectedEtag, CancellationToken cancellationToken = default) => throw Down();

        public Task ClearAsync(GrainStateKey grain, string stateName, string? expectedEtag, CancellationToken cancellationToken = default) => throw Down();

        public Task<int> ClearAllAsync(string grainType, CancellationToken cancellationToken = default) => throw Down();

        public Task<int> ClearAppliedTopicAsync(string topic, int? partition = null, CancellationToken cancellationToken = default) => throw Down();
    }
}
