namespace StreamOrleans.Streaming.Log;

/// <summary>The name alphabet shared by topics and consumer groups (Kafka's): 1-249 ASCII letters, digits, '.', '_', '-'.</summary>
internal static class StreamNames
{
    public const int MaxLength = 249;

    /// <summary>Null when valid, otherwise the reason, worded for "<paramref name="what"/>" (e.g. "a topic name").</summary>
    public static string? Validate(string what, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"{what} must not be empty";
        }

        if (name.Length > MaxLength)
        {
            return $"{what} is at most {MaxLength} characters (got {name.Length})";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return $"{what} may contain only ASCII letters, digits, '.', '_' and '-' (found '{c}')";
            }
        }

        return null;
    }
}
