using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Streaming.Provider;
using StreamOrleans.Streaming.Routing;

namespace StreamOrleans.Tests.Streaming.Provider;

/// <summary>
/// A delivery that crosses to another silo (the consumer grain lives elsewhere) travels through Orleans' serializer:
/// the records' bytes, headers, append times and positions go with it, the reading silo's decoded events do not, and
/// the consumer gets the same events and tokens as on the reading silo.
/// </summary>
public sealed class LogBatchContainerTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 8, 30, 0, TimeSpan.Zero);
    private static readonly Lazy<Serializer> Serializer = new(() => new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(LogBatchContainer).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>());

    [Fact]
    public void Raw_records_are_rebuilt_from_bytes_headers_and_append_time_after_crossing_silos()
    {
        byte[] first = [0xFF, 0xD8, 0x01, 0xFF, 0xD9];
        byte[] second = [0xFF, 0xD8, 0x02, 0xFF, 0xD9];
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["frame-number"] = "7", ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };
        var local = new LogBatchContainer(StreamId.Create("frames", "cam-1"), "frames", 2,
        [
            new LogEvent(40, At, first, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null) { Headers = headers, Decoded = new RawRecord(first, headers, At) },
            new LogEvent(41, At.AddMilliseconds(33), second, null, null) { Decoded = new RawRecord(second, null, At.AddMilliseconds(33)) },
        ]);

        var remote = RoundTrip(local);

        Assert.All(remote.Events, e => Assert.Null(e.Decoded));
        var here = local.GetEvents<RawRecord>().ToList();
        var there = remote.GetEvents<RawRecord>().ToList();
        Assert.Equal(2, there.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(here[i].Item1.Value, there[i].Item1.Value);
            Assert.Equal(Describe(here[i].Item1.Headers), Describe(there[i].Item1.Headers));
            Assert.Equal(here[i].Item1.Timestamp, there[i].Item1.Timestamp);
            Assert.Equal(here[i].Item2, there[i].Item2);
        }

        Assert.Equal(["frame-number=7", "traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"], Describe(there[0].Item1.Headers));
        Assert.Empty(there[1].Item1.Headers);
        Assert.Equal((At.AddMilliseconds(33), new LogSequenceToken("frames", 2, 41)), (there[1].Item1.Timestamp, there[1].Item2));
        Assert.Equal((StreamId.Create("frames", "cam-1"), "frames", 2), (remote.StreamId, remote.Topic, remote.Partition));
        Assert.Equal(local.SequenceToken, remote.SequenceToken);
    }

    [Fact]
    public void Json_records_are_decoded_again_after_crossing_silos()
    {
        var value = Encoding.UTF8.GetBytes("""{"amount":12}""");
        var local = new LogBatchContainer(StreamId.Create(CounterEvent.Topic, "k"), CounterEvent.Topic, 0,
            [new LogEvent(5, At, value, null, null) { Decoded = new CounterEvent(12) }]);

        var (item, token) = Assert.Single(RoundTrip(local).GetEvents<CounterEvent>());

        Assert.Equal((new CounterEvent(12), new LogSequenceToken(CounterEvent.Topic, 0, 5)), (item, (LogSequenceToken)token));
    }

    [Fact]
    public void A_raw_record_round_trips_through_the_serializer()
    {
        var record = new RawRecord([1, 2, 3], new Dictionary<string, string> { ["capture-time"] = "2026-05-01T08:30:00.0000000+00:00" }, At);

        var back = Serializer.Value.Deserialize<RawRecord>(Serializer.Value.SerializeToArray(record))!;

        Assert.Equal([1, 2, 3], back.Value);
        Assert.Equal(At, back.Timestamp);
        Assert.Equal(["capture-time=2026-05-01T08:30:00.0000000+00:00"], Describe(back.Headers));
    }

    [Fact]
    public void Records_crossing_silos_are_decoded_with_their_topic_codec_so_string_enums_read_back()
    {
        // Found in the two-replica app host test: user events delivered to a grain on the other silo failed for good
        // ("could not be converted to UserEvent. Path: $.kind") because the bare fallback options read no string enums.
        _ = new LogTopicCodec(StreamOrleans.Grains.GrainStreamTopics.All.Single(t => t.Name == UserEvent.Topic));
        var value = Encoding.UTF8.GetBytes("""{"userId":"u1","productId":"p9","kind":"purchase","timestamp":"2026-05-01T08:30:00+00:00"}""");
        var local = new LogBatchContainer(StreamId.Create(UserEvent.Topic, "u1"), UserEvent.Topic, 3,
            [new LogEvent(7, At, value, null, null) { Decoded = new UserEvent("u1", "p9", UserEventKind.Purchase, At) }]);

        var (item, _) = Assert.Single(RoundTrip(local).GetEvents<UserEvent>());

        Assert.Equal(new UserEvent("u1", "p9", UserEventKind.Purchase, At), item);
    }

    private static LogBatchContainer RoundTrip(LogBatchContainer container) =>
        Serializer.Value.Deserialize<LogBatchContainer>(Serializer.Value.SerializeToArray(container))!;

    private static IEnumerable<string> Describe(IReadOnlyDictionary<string, string> headers) =>
        headers.Select(h => $"{h.Key}={h.Value}").Order(StringComparer.Ordinal);
}
