using StreamOrleans.Streaming.Log.Sqlite;

namespace StreamOrleans.Tests.Streaming.Log.Sqlite;

public sealed class RecordHeaderCodecTests
{
    [Fact]
    public void No_headers_encode_as_zero_bytes()
    {
        Assert.Empty(RecordHeaderCodec.Encode(null));
        Assert.Empty(RecordHeaderCodec.Encode(new Dictionary<string, string>()));
        Assert.Empty(RecordHeaderCodec.Decode([]));
    }

    [Fact]
    public void Encoding_is_length_prefixed_utf8()
    {
        // "a" -> 0x01 'a'; a 200-byte value -> varint 200 = 0xC8 0x01.
        var encoded = RecordHeaderCodec.Encode(new Dictionary<string, string> { ["a"] = new string('z', 200) });

        Assert.Equal(1 + 1 + 2 + 200, encoded.Length);
        Assert.Equal([0x01, (byte)'a', 0xC8, 0x01], encoded[..4]);
        Assert.Equal(new string('z', 200), RecordHeaderCodec.Decode(encoded)["a"]);
    }

    [Fact]
    public void Truncated_input_is_reported_as_corrupt()
    {
        var encoded = RecordHeaderCodec.Encode(new Dictionary<string, string> { ["name"] = "value" });

        Assert.Throws<InvalidDataException>(() => RecordHeaderCodec.Decode(encoded[..^1]));
        Assert.Throws<InvalidDataException>(() => RecordHeaderCodec.Decode(new byte[] { 0x80 }));
    }
}
