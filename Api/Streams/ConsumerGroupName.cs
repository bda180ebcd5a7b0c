namespace StreamOrleans.Api.Streams;

/// <summary>
/// Consumer group names accepted by the API: the topic-name alphabet (1-249 ASCII letters, digits, '.', '_', '-'),
/// so that a group name is safe in URLs, logs and storage keys.
/// </summary>
public static class ConsumerGroupName
{
    /// <summary>Maximum length.</summary>
    public const int MaxLength = 249;

    /// <summary>Returns null when <paramref name="name"/> is valid, otherwise the reason it is not.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a consumer group name must not be empty";
        }

        if (name.Length > MaxLength)
        {
            return $"a consumer group name is at most {MaxLength} characters (got {name.Length})";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return $"a consumer group name may contain only ASCII letters, digits, '.', '_' and '-' (found '{c}')";
            }
        }

        return null;
    }
}
