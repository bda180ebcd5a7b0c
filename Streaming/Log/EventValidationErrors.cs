namespace StreamOrleans.Streaming.Log;

/// <summary>Problems found in an event, by field, in the shape ProblemDetails' "errors" uses.</summary>
public sealed class EventValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no problem was added.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Records that <paramref name="field"/> is wrong because <paramref name="reason"/>.</summary>
    public void Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(reason);
    }

    /// <summary>The problems, with field names prefixed (e.g. "events[3].value.").</summary>
    public Dictionary<string, string[]> ToDictionary(string prefix = "") =>
        _errors.ToDictionary(e => prefix + e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
}
