using System.Globalization;

namespace StreamOrleans.Api.Http;

/// <summary>
/// Query-string numbers parsed by hand rather than bound as int, so that a bad value gets a ProblemDetails naming the
/// field and the accepted range (model binding would answer a bare 400).
/// </summary>
public static class QueryValues
{
    /// <summary><paramref name="fallback"/> when absent; else the integer in [<paramref name="min"/>, <paramref name="max"/>], or an error on <paramref name="field"/>.</summary>
    public static int ParseInt(string? value, string field, int fallback, int min, int max, RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null)
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            errors.Add(field, $"must be an integer between {min} and {max} (got '{value}')");
            return fallback;
        }

        return n;
    }
}
