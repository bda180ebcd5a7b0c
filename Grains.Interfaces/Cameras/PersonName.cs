namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>Rules for enrolled people's names.</summary>
public static class PersonName
{
    /// <summary>Longest accepted name.</summary>
    public const int MaxLength = 64;

    /// <summary>Null when <paramref name="name"/> is acceptable, else the reason.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "The name is empty.";
        }

        if (name.Length > MaxLength)
        {
            return $"The name has {name.Length} characters; at most {MaxLength} are accepted.";
        }

        if (string.Equals(name, CameraDetection.Unknown, StringComparison.OrdinalIgnoreCase))
        {
            return $"'{CameraDetection.Unknown}' is reserved for faces that match nobody.";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_' or '.'))
            {
                return $"The name contains '{c}'; use ASCII letters, digits, space, '-', '_' or '.'.";
            }
        }

        return name.Trim() != name ? "The name starts or ends with a space." : null;
    }
}
