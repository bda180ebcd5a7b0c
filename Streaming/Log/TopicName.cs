namespace StreamOrleans.Streaming.Log;

/// <summary>Topic naming rules (Kafka's: 1-249 characters of ASCII letters, digits, '.', '_' and '-').</summary>
public static class TopicName
{
    /// <summary>Maximum topic name length.</summary>
    public const int MaxLength = StreamNames.MaxLength;

    /// <summary>Returns null when <paramref name="name"/> is valid, otherwise the reason it is not.</summary>
    public static string? Validate(string? name) =>
        name is "." or ".." ? "'.' and '..' are not topic names" : StreamNames.Validate("a topic name", name);

    /// <summary>Throws <see cref="ArgumentException"/> when the name is invalid.</summary>
    public static void ThrowIfInvalid(string? name, string paramName = "topic")
    {
        if (Validate(name) is { } reason)
        {
            throw new ArgumentException($"Invalid topic name '{name}': {reason}.", paramName);
        }
    }
}
