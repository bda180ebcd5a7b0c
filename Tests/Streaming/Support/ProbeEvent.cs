using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Tests.Streaming.Support;

/// <summary>
/// An event of topic "probe-events": what <see cref="ProbeGrain"/> should do with it ("count", "record" its
/// <paramref name="Value"/>, "fail", "throw" or "block").
/// </summary>
public sealed record ProbeEvent(string Action, long Value = 0) : IValidatableEvent
{
    /// <summary>The topic probe events travel on.</summary>
    public const string Topic = "probe-events";

    /// <inheritdoc />
    public void Validate(EventValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Action is not ("count" or "record" or "fail" or "throw" or "block"))
        {
            errors.Add("action", $"must be one of count, record, fail, throw, block (got '{Action}')");
        }
    }
}
