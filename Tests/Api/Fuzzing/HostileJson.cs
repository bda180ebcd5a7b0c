using System.Globalization;
using System.Text;

namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>
/// Adversarial JSON request bodies from a seeded <see cref="Random"/>: a plausible document for the route (so the
/// request gets past the first checks and reaches the deeper parsers) with zero or more mutations (hostile scalars,
/// wrong types, unknown enum values, duplicate, missing and unknown fields, deep nesting, truncation, invalid UTF-8,
/// lone surrogates, byte-order marks, comments and trailing commas), or a body that is not a document at all.
/// Written by hand as text rather than through a serializer, so that it can be wrong in every way a serializer avoids.
/// </summary>
public static class HostileJson
{
    /// <summary>Scalars that break number, string and date handling: huge, tiny, non-finite, wrongly typed.</summary>
    public static readonly string[] HostileScalars =
    [
        "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "-9223372036854775809", "9223372036854775808",
        "18446744073709551616", "2147483648", "-2147483649", "-0", "0.0000000000000000000000001", "1E+308", "-1.7976931348623157e308",
        "NaN", "-NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "01", "+1", ".5", "1.", "0x10", "1_000",
        "true", "false", "null", "[]", "{}", "[null]", "{\"\":null}", "\"\"", "\" \"", "\"\\u0000\"", "\"\\uD800\"", "\"\\uDC00x\"",
        "\"\\uDBFF\\uDBFF\"", "\"\\ud83d\\ude00\"", "\"\\x41\"", "\"\\u12\"", "\"a\\\"", "\"\\/\\b\\f\\n\\r\\t\"", "\"\u2028\u2029\"",
        "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.9999999+14:00\"", "\"2026-13-45T25:61:61Z\"", "\"1989-12-31T23:59:59Z\"",
        "\"-0001-01-01\"", "\"2026-01-31T12:00:00\"", "1700000000", "\"like\"", "\"VIEW\"", "\"Click\"", "\"purchase \"", "7", "-1",
        "\"earliest\"", "\"latest\"", "\"EARLIEST\"", "\"neutral\"", "\"#ai\"", "\"../../etc/passwd\"", "\"%00\"", "\"<script>\"",
    ];

    private static readonly string[] EventKinds = ["view", "click", "purchase"];
    private static readonly string[] Labels = ["negative", "neutral", "positive"];
    private static readonly string[] SeekTargets = ["earliest", "latest"];

    /// <summary>A JSON body for a route; <paramref name="shape"/> says which document the route expects.</summary>
    public static byte[] Body(Random random, JsonShape shape, string? topic, int maxEvents)
    {
        ArgumentNullException.ThrowIfNull(random);
        var roll = random.Next(100);
        if (roll < 6)
        {
            return NotADocument(random);
        }

        var text = Document(random, shape, topic, maxEvents);
        var mutations = roll < 30 ? 0 : 1 + random.Next(3);
        for (var i = 0; i < mutations; i++)
        {
            text = MutateText(random, text);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return random.Next(100) < 12 ? MutateBytes(random, bytes) : bytes;
    }

    /// <summary>A plausible document of <paramref name="shape"/> (events of <paramref name="topic"/> for ingest), possibly with hostile values in it.</summary>
    public static string Document(Random random, JsonShape shape, string? topic, int maxEvents)
    {
        ArgumentNullException.ThrowIfNull(random);
        return shape switch
        {
            JsonShape.Ingest => Ingest(random, topic ?? "raw-events", maxEvents),
            JsonShape.Seek => Seek(random),
            JsonShape.Sentiment => Object(random, ("text", Text(random))),
            _ => AnyValue(random, depth: 0),
        };
    }

    /// <summary>Any JSON value, nested up to a few levels.</summary>
    public static string AnyValue(Random random, int depth)
    {
        ArgumentNullException.ThrowIfNull(random);
        switch (random.Next(depth > 3 ? 3 : 6))
        {
            case 0:
                return Pick(random, HostileScalars);
            case 1:
                return random.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
            case 2:
                return Str(random, RandomWord(random));
            case 3:
                return "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => AnyValue(random, depth + 1))) + "]";
            default:
                return Object(random, [.. Enumerable.Range(0, random.Next(4)).Select(_ => (RandomWord(random), AnyValue(random, depth + 1)))]);
        }
    }

    private static string Ingest(Random random, string topic, int maxEvents)
    {
        var count = random.Next(100) switch
        {
            < 70 => 1 + random.Next(3),
            < 90 => random.Next(20),
            < 97 => maxEvents + random.Next(3),
            _ => 0,
        };
        var events = Enumerable.Range(0, count).Select(_ =>
        {
            var fields = new List<(string, string)> { ("key", Str(random, Key(random))), ("value", EventValue(random, topic)) };
            if (random.Next(4) == 0)
            {
                fields.Add(("headers", Object(random, [.. Enumerable.Range(0, random.Next(4)).Select(_ => (RandomWord(random), Str(random, RandomWord(random))))])));
            }

            return Object(random, [.. fields]);
        });
        return "{\"events\":[" + string.Join(",", events) + "]}";
    }

    private static string EventValue(Random random, string topic) => topic switch
    {
        "counter-events" => Object(random, ("amount", random.Next(3) == 0 ? Pick(random, HostileScalars) : random.Next(1000).ToString(CultureInfo.InvariantCulture))),
        "user-events" => Object(
            random,
            ("userId", Str(random, Key(random))),
            ("productId", Str(random, Key(random))),
            ("kind", Str(random, Pick(random, EventKinds))),
            ("timestamp", Time(random))),
        "posts" => Object(
            random,
            ("postId", Str(random, Key(random))),
            ("author", Str(random, Key(random))),
            ("text", Text(random)),
            ("timestamp", Time(random)),
            ("label", Str(random, Pick(random, Labels)))),
        _ => AnyValue(random, depth: 1),
    };

    private static string Seek(Random random)
    {
        var fields = new List<(string, string)>();
        switch (random.Next(3))
        {
            case 0:
                fields.Add(("to", Str(random, Pick(random, SeekTargets))));
                break;
            case 1:
                fields.Add(("offset", random.Next(200).ToString(CultureInfo.InvariantCulture)));
                break;
            default:
                fields.Add(("timestamp", Time(random)));
                break;
        }

        if (random.Next(3) == 0)
        {
            fields.Add(("partition", (random.Next(6) - 1).ToString(CultureInfo.InvariantCulture)));
        }

        if (random.Next(4) == 0)
        {
            fields.Add(("resetState", random.Next(2) == 0 ? "true" : "false"));
        }

        return Object(random, [.. fields]);
    }

    private static string Text(Random random) => Str(random, random.Next(4) switch
    {
        0 => "I love this #ai launch, great work!",
        1 => "terrible match today #football :(",
        2 => new string('x', random.Next(20_000)),
        _ => RandomWord(random) + " #" + RandomWord(random),
    });

    private static string Time(Random random) => random.Next(3) == 0
        ? Pick(random, HostileScalars)
        : Str(random, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(86_400)).ToString("O", CultureInfo.InvariantCulture));

    // Mostly valid keys (else almost no batch of several events gets through to the append), one in five hostile.
    private static string Key(Random random) => random.Next(25) switch
    {
        0 => "",
        1 => new string('k', 400 + random.Next(300)),
        2 => "\\u0001ctl",
        3 => "\\uD800",
        4 => "spaces and #hash/slash",
        _ => "fuzz-" + random.Next(50).ToString(CultureInfo.InvariantCulture),
    };

    private static string RandomWord(Random random)
    {
        var length = 1 + random.Next(10);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)('a' + random.Next(26));
        }

        return new string(chars);
    }

    private static string Object(Random random, params (string Name, string Value)[] fields)
    {
        var list = fields.ToList();
        if (list.Count > 0 && random.Next(20) == 0)
        {
            list.RemoveAt(random.Next(list.Count));                                            // a missing field
        }

        if (list.Count > 0 && random.Next(20) == 0)
        {
            var duplicate = list[random.Next(list.Count)];
            list.Add((duplicate.Name, Pick(random, HostileScalars)));                          // a duplicate key
        }

        if (random.Next(25) == 0)
        {
            list.Add((RandomWord(random), AnyValue(random, depth: 2)));                        // an unknown field
        }

        if (list.Count > 0 && random.Next(12) == 0)
        {
            var i = random.Next(list.Count);
            list[i] = (list[i].Name, Pick(random, HostileScalars));                            // a wrong type or value
        }

        return "{" + string.Join(",", list.Select(f => Str(random, f.Name) + ":" + f.Value)) + "}";
    }

    // Names and values are written as given: escapes in them (\uD800) stay escapes, so lone surrogates reach the parser.
    private static string Str(Random random, string value) => "\"" + (random.Next(200) == 0 ? value + "\u0007" : value) + "\"";

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string MutateText(Random random, string text)
    {
        switch (random.Next(9))
        {
            case 0:
            {
                // Deep nesting around the whole document or at a value position.
                var depth = random.Next(3) == 0 ? 10_000 : 50 + random.Next(200);
                var (open, close) = random.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
                return string.Concat(Enumerable.Repeat(open, depth)) + text + string.Concat(Enumerable.Repeat(close, depth));
            }

            case 1:
                return text[..random.Next(text.Length + 1)];                                   // truncated
            case 2:
                return text + Pick(random, new[] { ",", " trailing", "}", "]", "\u0000", " /* c */", "{}" });
            case 3:
                return text.Replace("}", random.Next(2) == 0 ? ",}" : "/*x*/}", StringComparison.Ordinal); // trailing commas, comments
            case 4:
            {
                // A hostile scalar at a random value position (after a colon).
                var colon = text.IndexOf(':', random.Next(Math.Max(1, text.Length)));
                if (colon < 0)
                {
                    return text;
                }

                var end = text.IndexOfAny([',', '}', ']'], colon);
                return end < 0 ? text : text[..(colon + 1)] + Pick(random, HostileScalars) + text[end..];
            }

            case 5:
                return "\uFEFF" + text;                                                        // a byte-order mark
            case 6:
            {
                var i = random.Next(text.Length + 1);
                return text[..i] + Pick(random, new[] { "\"", "\\", "\n", "\t", "\u0001", "'", "\uD800", "\uDFFF" }) + text[i..];
            }

            case 7:
                return text.Replace("\"", "'", StringComparison.Ordinal);                      // single quotes
            default:
                return "{\"events\":" + text + "}";                                            // the wrong wrapper
        }
    }

    private static byte[] MutateBytes(Random random, byte[] bytes)
    {
        byte[][] invalid = [[0xC3, 0x28], [0xFF], [0xFE], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]];
        var list = bytes.ToList();
        var at = random.Next(list.Count + 1);
        var quote = list.IndexOf((byte)'"', Math.Min(at, list.Count));
        list.InsertRange(quote >= 0 && random.Next(2) == 0 ? quote + 1 : at, Pick(random, invalid));   // often inside a string
        return random.Next(10) == 0 ? Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(bytes)) : [.. list];  // or UTF-16
    }

    private static byte[] NotADocument(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                return [];
            case 1:
            {
                var bytes = new byte[random.Next(1, 4096)];
                random.NextBytes(bytes);
                return bytes;
            }

            case 2:
                return Encoding.UTF8.GetBytes(Pick(random, HostileScalars));
            case 3:
                return Encoding.UTF8.GetBytes(new string(' ', random.Next(1, 1000)));
            case 4:
                return [0xEF, 0xBB, 0xBF];
            default:
                return Encoding.UTF8.GetBytes("{\"a\":" + string.Concat(Enumerable.Repeat("\"x\",\"a\":", 2000)) + "1}");   // many duplicate keys
        }
    }
}
