using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace StreamOrleans.Api.Http;

/// <summary>
/// Turns System.Text.Json's exceptions into (field, reason) pairs a client can act on: the field is the JSON path
/// of the bad value (from <see cref="JsonException.Path"/>, without the leading "$"), the reason says what was
/// expected. Malformed JSON is reported on the field "body" with its line and byte.
/// </summary>
public static partial class JsonErrors
{
    /// <summary>The field malformed or empty bodies are reported on.</summary>
    public const string BodyField = "body";

    /// <summary>Deserializes <paramref name="json"/>; on failure adds the problems (fields prefixed) and returns default.</summary>
    public static T? TryDeserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo, RequestErrors errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo);
        }
        catch (JsonException e)
        {
            foreach (var (field, reason) in Describe(e, prefix, typeInfo, ValueAt(json, e.Path)))
            {
                errors.Add(field, reason);
            }

            return default;
        }
    }

    /// <summary>Deserializes <paramref name="json"/> with <paramref name="typeInfo"/>; on failure adds the problems and returns null.</summary>
    public static object? TryDeserialize(ReadOnlySpan<byte> json, JsonTypeInfo typeInfo, RequestErrors errors, string prefix)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo);
        }
        catch (JsonException e)
        {
            foreach (var (field, reason) in Describe(e, prefix, typeInfo, ValueAt(json, e.Path)))
            {
                errors.Add(field, reason);
            }

            return null;
        }
    }

    /// <summary>
    /// The fields and reasons of a deserialization failure; <paramref name="prefix"/> is prepended to paths. With the
    /// <paramref name="root"/> type that was being read, the expected type of the bad value is found by walking the
    /// path through the contract (the exception names the enclosing type when the value is a constructor parameter).
    /// With the <paramref name="badValue"/> found at the path, an enum field's reason names it and the accepted values.
    /// </summary>
    public static IEnumerable<(string Field, string Reason)> Describe(JsonException exception, string prefix = "", JsonTypeInfo? root = null, string? badValue = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = Field(prefix, exception.Path);

        // The serializer wraps the reader's own exception when the text is not JSON at all.
        if (exception.InnerException is JsonException syntax)
        {
            // Lines and bytes counted from 1; the reader's path at a syntax error is a guess, so it is not reported.
            var where = exception.LineNumber is { } line ? $" at line {line + 1}, byte {exception.BytePositionInLine + 1}" : "";
            yield return (BodyField, $"malformed JSON{where}: {Clean(syntax.Message)}");
            yield break;
        }

        var message = exception.Message;
        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            foreach (var name in missing.Groups["names"].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries))
            {
                yield return (Field(field, "$." + name.Trim('\'')), "is required");
            }

            yield break;
        }

        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            var path = field.EndsWith(name, StringComparison.Ordinal) ? field : Field(field, "$." + name);
            yield return (OrBody(path), "is not a known field");
            yield break;
        }

        if (NotConvertible().Match(message) is { Success: true } conversion)
        {
            var expected = root is null ? null : ExpectedType(root, exception.Path);
            if (expected is { IsEnum: true })
            {
                var accepted = string.Join(", ", EnumNames(expected));
                yield return (OrBody(field), badValue is null ? $"must be one of {accepted}" : $"'{badValue}' is not one of {accepted}");
                yield break;
            }

            yield return (OrBody(field), $"must be {Describe(expected?.FullName ?? conversion.Groups["type"].Value)}");
            yield break;
        }

        yield return (OrBody(field), Clean(message));
    }

    /// <summary>Joins a prefix ("events[3].value") and a JSON path ("$.amount", "$[0]", "$") into "events[3].value.amount".</summary>
    public static string Field(string prefix, string? path)
    {
        var rest = string.IsNullOrEmpty(path) || path == "$" ? "" : path.StartsWith('$') ? path[1..] : path;
        if (prefix.Length == 0)
        {
            return rest.StartsWith('.') ? rest[1..] : rest;
        }

        return prefix + rest;
    }

    // Follows "$.events[0].key" / "$['a.b']" through the contracts: object properties, collection and dictionary elements.
    private static Type? ExpectedType(JsonTypeInfo root, string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return null;
        }

        var current = root;
        var i = 1;
        while (i < path.Length)
        {
            string? name = null;
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                name = path[(i + 1)..end];
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                name = path[(i + 2)..end];
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || current.ElementType is null)
                {
                    return null;
                }

                current = current.Options.GetTypeInfo(current.ElementType);
                i = end + 1;
                continue;
            }
            else
            {
                return null;
            }

            Type? next = current.Kind switch
            {
                JsonTypeInfoKind.Dictionary => current.ElementType,
                JsonTypeInfoKind.Object => current.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType,
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            current = current.Options.GetTypeInfo(next);
        }

        return Nullable.GetUnderlyingType(current.Type) ?? current.Type;
    }

    // The JSON names of an enum's values: [JsonStringEnumMemberName] where given, else the camel-cased member name.
    private static IEnumerable<string> EnumNames(Type type) => type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => f.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute), false) is [System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute named, ..]
            ? named.Name
            : JsonNamingPolicy.CamelCase.ConvertName(f.Name));

    // The value at a serializer path ("$.events[0].value.kind") of a document that parsed: a string's text, or the
    // value's raw JSON; null when the document is not JSON or the path does not lead to a value.
    private static string? ValueAt(ReadOnlySpan<byte> json, string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var current = document.RootElement;
            var i = 1;
            while (i < path.Length)
            {
                if (path[i] == '.')
                {
                    var end = path.IndexOfAny(['.', '['], i + 1);
                    end = end < 0 ? path.Length : end;
                    if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(path[(i + 1)..end], out current))
                    {
                        return null;
                    }

                    i = end;
                }
                else if (path.AsSpan(i).StartsWith("['"))
                {
                    var end = path.IndexOf("']", i, StringComparison.Ordinal);
                    if (end < 0 || current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(path[(i + 2)..end], out current))
                    {
                        return null;
                    }

                    i = end + 2;
                }
                else if (path[i] == '[')
                {
                    var end = path.IndexOf(']', i);
                    if (end < 0 || current.ValueKind != JsonValueKind.Array
                        || !int.TryParse(path.AsSpan(i + 1, end - i - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                        || index >= current.GetArrayLength())
                    {
                        return null;
                    }

                    current = current[index];
                    i = end + 1;
                }
                else
                {
                    return null;
                }
            }

            return current.ValueKind == JsonValueKind.String ? StringValue(current) : current.GetRawText();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Invalid UTF-8 or a lone surrogate escape in the text: the value cannot be shown (the problem is still named).
            return null;
        }
    }

    // A string holding a lone surrogate escape ("\uDC00") cannot be unescaped (GetString throws InvalidOperationException,
    // a 500 before this; found by the hostile-input fuzzer): it is named as it was written. Invalid UTF-8 cannot be
    // shown at all (GetRawText throws too): the caller's catch leaves the value out.
    private static string StringValue(JsonElement element)
    {
        try
        {
            return element.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            return element.GetRawText().Trim('"');
        }
    }

    private static string OrBody(string field) => field.Length == 0 ? BodyField : field;

    // The serializer's messages end with " Path: $.x | LineNumber: 0 | BytePositionInLine: 5." or " LineNumber: ...".
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return (cut < 0 ? message : message[..cut]).TrimEnd();
    }

    private static string Describe(string clrType)
    {
        var name = clrType;
        if (name.StartsWith("System.Nullable`1[", StringComparison.Ordinal))
        {
            name = name["System.Nullable`1[".Length..].TrimEnd(']');
        }

        return name switch
        {
            "System.String" => "a string",
            "System.Int64" => "an integer (64-bit)",
            "System.Int32" => "an integer (32-bit)",
            "System.Int16" or "System.Byte" or "System.UInt32" or "System.UInt64" => "an integer in range",
            "System.Double" or "System.Single" or "System.Decimal" => "a finite number",
            "System.Boolean" => "true or false",
            "System.DateTimeOffset" or "System.DateTime" => "an ISO-8601 date and time string (e.g. \"2026-01-31T12:00:00Z\")",
            _ when name.Contains("List`1", StringComparison.Ordinal) || name.EndsWith("[]", StringComparison.Ordinal) => "an array",
            _ => "an object",
        };
    }

    [GeneratedRegex(@"missing required properties,? including: (?<names>.+?)\.?\s*(Path:|$)")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.?\s*(Path:|$)")]
    private static partial Regex NotConvertible();
}
