using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Grains.Interfaces.Diagnostics;

/// <summary>An event of topic "counter-events": add <see cref="Amount"/> to the counter named by the record key.</summary>
/// <param name="Amount">A finite, non-negative amount of at most 1e12.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record CounterEvent([property: Orleans.Id(0)] long Amount) : IValidatableEvent
{
    /// <summary>The topic counter events travel on.</summary>
    public const string Topic = "counter-events";

    /// <summary>Largest accepted amount.</summary>
    public const long MaxAmount = 1_000_000_000_000;

    /// <inheritdoc />
    public void Validate(EventValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Amount is < 0 or > MaxAmount)
        {
            errors.Add("amount", $"must be between 0 and {MaxAmount} (got {Amount})");
        }
    }
}
