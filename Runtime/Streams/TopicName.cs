namespace StreamOrleans.Runtime.Streams;

/// <summary>Topic naming rules (Kafka's: 1-249 characters of ASCII letters, digits, '.', '_' and '-').</summary>
public static class TopicName
{
    /// <summary>Maximum topic name length.</summary>
    public const int MaxLength = 249;

    /// <summary>Returns null when <paramref name="name"/> is valid, otherwise the reason it is not.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a topic name must not be empty";
        }

        if (name.Length > MaxLength)
        {
            return $"a topic name is at most {MaxLength} characters (got {name.Length})";
        }

        if (name is "." or "..")
        {
            return "'.' and '..' are not topic names";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return $"a topic name may contain only ASCII letters, digits, '.', '_' and '-' (found '{c}')";
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the name is invalid.</summary>
    public static void ThrowIfInvalid(string? name, string paramName = "topic")
    {
        if (Validate(name) is { } reason)
        {
            throw new ArgumentException($"Invalid topic name '{name}': {reason}.", paramName);
        }
    }
}
