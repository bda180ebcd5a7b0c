using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Tests.Runtime.TestGrains;

/// <summary>Adds <see cref="Amount"/> to a counter; negative amounts are invalid.</summary>
public sealed record CounterTestEvent(long Amount) : IValidatableEvent
{
    public void Validate(EventValidationErrors errors)
    {
        if (Amount < 0)
        {
            errors.Add("amount", "must be zero or positive");
        }
    }
}
