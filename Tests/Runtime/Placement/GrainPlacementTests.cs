using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Runtime.Placement;
using StreamOrleans.Runtime.Serialization;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Runtime.Streams.Ownership;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Runtime.Placement;

public sealed class GrainPlacementTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await TestSilo.StartWithStreamsAsync(
            settings: new Dictionary<string, string?> { ["Streams:DefaultPartitions"] = "4", ["Streams:CheckpointEvents"] = "1" },
            configure: (s, c) => s.AddStreamOrleansGrains(c));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private GrainClassInfo Class(string name) => _silo.Runtime.Registry.FindByTypeName(name)!;

    [Fact]
    public void Stream_grains_live_with_their_keys_partition_routed_ones_with_partition_0_and_the_rest_on_placement_partitions()
    {
        var streams = _silo.Streams!;

        Assert.Equal(new TopicPartition(CounterEvent.Topic, StreamPartitioner.GetPartition("k42", 4)), streams.UnitOf(new GrainId("CounterGrain", "k42"), Class("CounterGrain")));
        Assert.Equal(new TopicPartition("posts", 0), streams.UnitOf(new GrainId("TopicTrendGrain", "#ai"), Class("TopicTrendGrain")));
        Assert.Equal(
            new TopicPartition(StreamRuntime.PlacementTopic, StreamPartitioner.GetPartition("default", StreamRuntime.PlacementPartitions)),
            streams.UnitOf(new GrainId("RecommenderModelGrain", "default"), Class("RecommenderModelGrain")));
        // One process owns everything.
        Assert.True(streams.IsLocal(new GrainId("RecommenderModelGrain", "default"), Class("RecommenderModelGrain")));
        Assert.Contains(new TopicPartition(StreamRuntime.PlacementTopic, 7), streams.Ownership.Owned);
    }

    [Fact]
    public async Task Assigned_partitions_are_counted_as_hand_overs()
    {
        long assigned = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "streamorleans.stream.partition_handovers")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "handover", Value: "assigned" })
                {
                    Interlocked.Add(ref assigned, value);
                }
            }
        });
        listener.Start();

        await using var silo = await TestSilo.StartWithStreamsAsync(configure: (s, c) => s.AddStreamOrleansGrains(c));

        // Other tests start silos at the same time, so at least this silo's units were counted.
        Assert.True(Interlocked.Read(ref assigned) >= silo.Streams!.Ownership.Owned.Count, $"{assigned} hand-overs counted for {silo.Streams.Ownership.Owned.Count} units");
    }

    [Fact]
    public async Task A_call_from_a_replica_runs_on_the_grain_and_returns_its_serialized_result()
    {
        await _silo.Log.AppendAsync(CounterEvent.Topic, [new StreamRecord("k1", JsonSerializer.SerializeToUtf8Bytes(new { amount = 5 }))]);
        await _silo.Log.AppendAsync(CounterEvent.Topic, [new StreamRecord("k1", JsonSerializer.SerializeToUtf8Bytes(new { amount = 7 }))]);
        await CheckpointSignals.WaitUntilCommittedAsync(_silo.Streams!, CounterEvent.Topic);

        var reply = await _silo.Runtime.InvokeFromReplicaAsync(new GrainCallMessage("CounterGrain", "k1", typeof(ICounterGrain).FullName!, nameof(ICounterGrain.GetAsync), []));

        Assert.NotNull(reply.Result);
        Assert.Equal(new CounterSnapshot(2, 12), reply.Result.Value.Deserialize(_silo.Runtime.Serializer.GetTypeInfo<CounterSnapshot>()));
    }

    [Theory]
    [InlineData("NoSuchGrain", "k1", "StreamOrleans.Grains.Interfaces.Diagnostics.ICounterGrain", "GetAsync", "Unknown grain type")]
    [InlineData("CounterGrain", "", "StreamOrleans.Grains.Interfaces.Diagnostics.ICounterGrain", "GetAsync", "Invalid grain key")]
    [InlineData("CounterGrain", "k1", "StreamOrleans.Grains.Interfaces.Diagnostics.ICounterGrain", "DeleteAsync", "has no method")]
    [InlineData("CounterGrain", "k1", "System.IDisposable", "GetAsync", "has no method")]
    public async Task A_bad_call_from_a_replica_is_refused_with_the_reason(string type, string key, string iface, string method, string reason)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _silo.Runtime.InvokeFromReplicaAsync(new GrainCallMessage(type, key, iface, method, [])));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_grain_method_argument_and_result_can_travel_between_replicas()
    {
        var serializer = _silo.Services.GetRequiredService<GrainSerializer>();
        var missing = new List<string>();
        foreach (var grain in _silo.Runtime.Registry.Classes.Where(c => c.ClassType.Assembly == typeof(GrainsJsonContext).Assembly))
        {
            foreach (var method in grain.Interfaces.SelectMany(i => i.GetMethods()))
            {
                var types = method.GetParameters().Select(p => p.ParameterType).Append(ResultType(method)).OfType<Type>();
                foreach (var type in types)
                {
                    try
                    {
                        serializer.GetTypeInfo(type);
                    }
                    catch (InvalidOperationException)
                    {
                        missing.Add($"{method.DeclaringType!.Name}.{method.Name}: {type}");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, "not registered: " + string.Join("; ", missing.Distinct()));
    }

    private static Type? ResultType(MethodInfo method) =>
        method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : null;
}
