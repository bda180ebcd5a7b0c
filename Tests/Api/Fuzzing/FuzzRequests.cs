using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>
/// Builds one hostile request for a route from a seeded <see cref="Random"/>: route values that are known, unknown or
/// adversarial (long, percent-encoded control characters, invalid UTF-8, path tricks), hostile query values, a
/// missing or wrong API key now and then, the wrong method, and for routes that read a body: hostile JSON or JPEGs,
/// wrong or malformed content types, chunked transfer (no Content-Length) and bodies just over the limits.
/// </summary>
public sealed class FuzzRequests(FuzzLimits limits)
{
    private static readonly string[] Topics = ["counter-events", "raw-events", "user-events", "posts", "frames", "frames-annotated", "dead-letters", "recommendations", "no-such-topic", "ai", "#ai"];
    // No %00: Kestrel refuses a request line with an encoded NUL (400) before the app sees it, and the in-process
    // test server cannot send one at all (it throws in the client).
    private static readonly string[] HostileSegments =
    [
        "%01", "%7F", "%ED%A0%80", "%C3%28", "%FF", "%C0%AF", "%F0%9F%98%80", "%E2%80%AE", "..", "%2e%2e", "%2F", "%5C", "a%20b",
        "%20", "%23ai", "%25", "%25%25", "CON", "null", "undefined", "-1", "0", "99999999999999999999999", "1e9", "$", "'", "%22", "%3Cscript%3E",
        "a%0D%0Ab", "%EF%BB%BF", "no-such-id-0", "x.jpg", "index.html", "..%2F..%2Fetc%2Fpasswd", "%u0041",
    ];

    private static readonly string[] QueryNames = ["limit", "count", "window", "minutes", "apiKey", "grainType", "grainId", "partition", "q"];
    private static readonly string[] QueryValues =
    [
        "", "0", "1", "-1", "5", "50", "101", "100000", "2147483648", "99999999999999999999", "1.5", "1e3", "NaN", "Infinity", "abc", "%00", "%FF",
        "%ED%A0%80", "1m", "5m", "1h", "2h", " 5", "5 ", "0x10", "%2B5",
    ];

    private static readonly string[] OtherMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    private static readonly string[] WrongTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "application/octet-stream", "a/b/c",
        "application/json; charset=utf-16", "application/json; charset=nonsense", "application/problem+json", "image/png", "image/jpeg",
        "application/json", ";;;", "text/json", "application/vnd.api+json", "*/*",
    ];

    private readonly HostileJpeg _jpegs = new();

    /// <summary>A request for <paramref name="route"/>.</summary>
    public HttpRequestMessage Create(FuzzRoute route, Random random)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(random);
        var method = random.Next(100) < 4 ? OtherMethods[random.Next(OtherMethods.Length)] : route.Method;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), Path(route.Pattern, random, values) + Query(random));

        switch (random.Next(100))
        {
            case < 85:
                if (limits.ApiKey is not null)
                {
                    request.Headers.TryAddWithoutValidation("X-Api-Key", limits.ApiKey);
                }

                break;
            case < 92:
                break;
            default:
                request.Headers.TryAddWithoutValidation("X-Api-Key", random.Next(3) switch
                {
                    0 => limits.ApiKey + "x",
                    1 => new string('k', 10_000),
                    _ => "\u00e9t\u00e9",
                });
                break;
        }

        if (random.Next(10) == 0)
        {
            request.Headers.TryAddWithoutValidation("X-Frame-Number", random.Next(2) == 0 ? "-1" : "99999999999999999999999");
            request.Headers.TryAddWithoutValidation("X-Capture-Time", random.Next(2) == 0 ? "yesterday" : "9999-12-31T23:59:59.9999999-14:00");
        }

        if (random.Next(20) == 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", "StreamOrleans.OrleansDashboard=" + new string('a', random.Next(1, 500)));
        }

        if (route.ReadsBody || random.Next(20) == 0)
        {
            request.Content = Body(route, random, values.GetValueOrDefault("topic"));
        }

        return request;
    }

    private HttpContent Body(FuzzRoute route, Random random, string? pathTopic)
    {
        string contentType;
        byte[] bytes;
        if (route.AcceptsMultipart && (!route.AcceptsJpeg || random.Next(2) == 0))
        {
            (contentType, bytes) = Multipart(random);
        }
        else if (route.AcceptsJpeg)
        {
            contentType = "image/jpeg";
            bytes = _jpegs.Next(random);
        }
        else
        {
            contentType = "application/json";
            bytes = HostileJson.Body(random, route.Shape, Topic(route, random, pathTopic), limits.MaxEventsPerBatch);
        }

        var roll = random.Next(100);
        if (roll < 4)
        {
            var limit = route.AcceptsJpeg || route.AcceptsMultipart ? limits.MaxImageBytes : limits.MaxJsonBytes;
            var oversized = new byte[limit + 1 + random.Next(4096)];
            bytes.AsSpan(0, Math.Min(bytes.Length, oversized.Length)).CopyTo(oversized);
            oversized.AsSpan(Math.Min(bytes.Length, oversized.Length)).Fill((byte)' ');
            bytes = oversized;
        }

        if (random.Next(100) < 12)
        {
            contentType = WrongTypes[random.Next(WrongTypes.Length)];
        }

        HttpContent content = random.Next(100) < 20 ? JsonBodies.Chunked(bytes, null) : new ByteArrayContent(bytes);
        if (random.Next(100) < 3)
        {
            return content;                                                                  // no Content-Type at all
        }

        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private (string ContentType, byte[] Bytes) Multipart(Random random)
    {
        var boundary = "fuzz" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
        var body = new MemoryStream();
        var files = random.Next(100) < 5 ? 40 : random.Next(4);
        for (var i = 0; i < files; i++)
        {
            var header = $"--{boundary}\r\nContent-Disposition: form-data; name=\"{(random.Next(5) == 0 ? "field" : "images")}\"" +
                (random.Next(5) == 0 ? "" : $"; filename=\"f{i}.jpg\"") + "\r\nContent-Type: image/jpeg\r\n\r\n";
            body.Write(Encoding.UTF8.GetBytes(header));
            body.Write(_jpegs.Next(random));
            body.Write("\r\n"u8);
        }

        if (random.Next(10) != 0)
        {
            body.Write(Encoding.UTF8.GetBytes($"--{boundary}--\r\n"));                        // else: no closing boundary
        }

        var type = random.Next(10) switch
        {
            0 => "multipart/form-data",                                                      // no boundary
            1 => "multipart/form-data; boundary=" + new string('b', 200),                    // a boundary longer than allowed
            _ => $"multipart/form-data; boundary={boundary}",
        };
        return (type, body.ToArray());
    }

    // The topic whose events an ingest body carries: the one in the path when the fuzzer put a real one there.
    private static string? Topic(FuzzRoute route, Random random, string? pathTopic) =>
        route.Shape != JsonShape.Ingest ? null : pathTopic is not null && random.Next(5) != 0 ? Uri.UnescapeDataString(pathTopic) : Topics[random.Next(4)];

    // The route's pattern with each parameter filled in, usually with a plausible value.
    private static string Path(RoutePattern pattern, Random random, Dictionary<string, string> values)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter when parameter.IsOptional && random.Next(4) == 0 => "",
                    RoutePatternParameterPart parameter => values[parameter.Name] = Value(parameter.Name, random),
                    _ => "",
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private static string Value(string name, Random random)
    {
        if (random.Next(100) < 20)
        {
            return random.Next(10) == 0 ? new string('a', 300 + random.Next(5000)) : HostileSegments[random.Next(HostileSegments.Length)];
        }

        string[] plausible = name switch
        {
            "topic" => random.Next(4) == 0 ? Topics : Topics[..4],
            "group" => ["audit", "fuzz", "replay", "grains"],
            "id" => ["cam-1", "cam-2", "u1", "fuzz-1", "fuzz-2"],
            "name" => ["alice", "bob", "person-a"],
            "version" => ["1", "2", "3"],
            "file" => ["index.html", "app.js", "app.css", "uPlot.min.js", "uPlot.min.css", "missing.js"],
            _ => ["x", "1", "index.html", "version", "ClusterStats"],
        };
        return Uri.EscapeDataString(plausible[random.Next(plausible.Length)]);
    }

    private static string Query(Random random)
    {
        if (random.Next(100) < 55)
        {
            return "";
        }

        var pairs = Enumerable.Range(0, 1 + random.Next(3)).Select(_ =>
            QueryNames[random.Next(QueryNames.Length)] + (random.Next(15) == 0 ? "" : "=" + QueryValues[random.Next(QueryValues.Length)]));
        return "?" + string.Join("&", pairs);
    }
}
