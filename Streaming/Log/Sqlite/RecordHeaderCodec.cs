using System.Collections.ObjectModel;
using System.Text;

namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>
/// Compact binary encoding of record headers for the <c>headers</c> column: a sequence of
/// (varint byte length, UTF-8 name, varint byte length, UTF-8 value) pairs; no headers encode as zero bytes.
/// Varints are unsigned LEB128 (7 bits per byte, low groups first), as protobuf's.
/// </summary>
internal static class RecordHeaderCodec
{
    /// <summary>The shared empty header set returned for records without headers.</summary>
    public static readonly IReadOnlyDictionary<string, string> Empty = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Encodes the headers; returns an empty array for null or none.</summary>
    public static byte[] Encode(IReadOnlyDictionary<string, string>? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return [];
        }

        var size = 0;
        foreach (var (name, value) in headers)
        {
            size += SizeOf(name) + SizeOf(value);
        }

        var buffer = new byte[size];
        var position = 0;
        foreach (var (name, value) in headers)
        {
            position = Write(buffer, position, name);
            position = Write(buffer, position, value);
        }

        return buffer;
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid encoding.</exception>
    public static IReadOnlyDictionary<string, string> Decode(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return Empty;
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (position < data.Length)
        {
            var name = Read(data, ref position);
            var value = Read(data, ref position);
            headers[name] = value;
        }

        return headers;
    }

    private static int SizeOf(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        return VarintSize((uint)length) + length;
    }

    private static int VarintSize(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private static int Write(byte[] buffer, int position, string text)
    {
        var length = (uint)Encoding.UTF8.GetByteCount(text);
        while (length >= 0x80)
        {
            buffer[position++] = (byte)(length | 0x80);
            length >>= 7;
        }

        buffer[position++] = (byte)length;
        return position + Encoding.UTF8.GetBytes(text, buffer.AsSpan(position));
    }

    private static string Read(ReadOnlySpan<byte> data, ref int position)
    {
        uint length = 0;
        var shift = 0;
        while (true)
        {
            if (position >= data.Length || shift > 28)
            {
                throw new InvalidDataException("Corrupt record headers: truncated or oversized length prefix.");
            }

            var b = data[position++];
            length |= (uint)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
        }

        if (length > (uint)(data.Length - position))
        {
            throw new InvalidDataException($"Corrupt record headers: a field of {length} bytes overruns the {data.Length}-byte encoding.");
        }

        var text = Encoding.UTF8.GetString(data.Slice(position, (int)length));
        position += (int)length;
        return text;
    }
}
