using StreamOrleans.Runtime.Streams;
using StreamOrleans.Tests.Runtime.TestGrains;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streams;

public sealed class RawEventSubscriptionTests
{
    [Fact]
    public async Task Raw_subscriptions_receive_any_bytes_and_headers_untouched_in_order()
    {
        await using var silo = await TestSilo.StartWithStreamsAsync();
        byte[] binary = [0xFF, 0x00, 0xFE, 0x80, 0x7B];
        var json = "{\"not\":\"decoded\"}"u8.ToArray();
        var headers = new Dictionary<string, string> { ["frame-number"] = "3", ["capture-time"] = "2026-01-31T12:00:00Z" };

        await silo.Log.AppendAsync("raw-bytes", [new StreamRecord("k", binary, headers), new StreamRecord("k", json), new StreamRecord("k", Array.Empty<byte>())]);
        await silo.WaitUntilCommittedAsync("raw-bytes");

        var received = await silo.GrainFactory.GetGrain<IRawBytesGrain>("k").GetReceivedAsync();
        Assert.Equal(3, received.Count);
        Assert.Equal(binary, received[0].Value);
        Assert.Equal(headers, received[0].Headers);
        Assert.Equal(json, received[1].Value);
        Assert.Empty(received[1].Headers);
        Assert.Empty(received[2].Value);
        Assert.Equal(0, silo.Services.GetService(typeof(DeadLetterPublisher)) is DeadLetterPublisher d ? d.PublishedCount : -1);
    }
}
