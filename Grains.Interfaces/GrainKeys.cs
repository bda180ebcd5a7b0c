namespace StreamOrleans.Grains.Interfaces;

/// <summary>What a grain key (user, product, post, camera id...) may be: keys travel in URLs, log records and storage rows.</summary>
public static class GrainKeys
{
    /// <summary>Longest key accepted.</summary>
    public const int MaxLength = 512;

    /// <summary>Returns null when <paramref name="key"/> is a valid grain key, otherwise why it is not.</summary>
    public static string? Validate(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "a grain key must not be empty";
        }

        // Orleans' GetGrain refuses such keys with an ArgumentException (a 500 at the API before this check).
        if (string.IsNullOrWhiteSpace(key))
        {
            return "a grain key must not be empty or only whitespace";
        }

        if (key.Length > MaxLength)
        {
            return $"a grain key is at most {MaxLength} characters (got {key.Length})";
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
