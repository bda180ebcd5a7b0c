namespace StreamOrleans.Streaming.Log;

/// <summary>
/// Consumer group naming rules: the topic-name alphabet (1-249 ASCII letters, digits, '.', '_', '-'), so that a
/// group name is safe in URLs, logs and storage keys.
/// </summary>
public static class ConsumerGroupName
{
    /// <summary>Maximum length.</summary>
    public const int MaxLength = StreamNames.MaxLength;

    /// <summary>Returns null when <paramref name="name"/> is valid, otherwise the reason it is not.</summary>
    public static string? Validate(string? name) => StreamNames.Validate("a consumer group name", name);
}
