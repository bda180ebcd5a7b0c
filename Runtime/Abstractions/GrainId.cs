namespace StreamOrleans.Runtime;

/// <summary>Identity of a grain: its type name (the implementation class name) and its string key.</summary>
/// <param name="Type">Stable grain type name, e.g. "UserGrain"; used in storage keys, so never rename lightly.</param>
/// <param name="Key">The grain's key.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>Longest key accepted (keys travel in URLs, log records and storage rows).</summary>
    public const int MaxKeyLength = 512;

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";

    /// <summary>Returns null when <paramref name="key"/> is a valid grain key, otherwise why it is not.</summary>
    public static string? ValidateKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "a grain key must not be empty";
        }

        if (key.Length > MaxKeyLength)
        {
            return $"a grain key is at most {MaxKeyLength} characters (got {key.Length})";
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                return $"a grain key must not contain control characters (found U+{(int)c:X4})";
            }
        }

        return null;
    }
}
