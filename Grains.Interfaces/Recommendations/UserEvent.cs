using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>A record of topic <c>user-events</c>: one view, click or purchase. The record key should be the user id.</summary>
/// <param name="UserId">The user (a valid grain key).</param>
/// <param name="ProductId">The product (a valid grain key).</param>
/// <param name="Kind">View, click or purchase.</param>
/// <param name="Timestamp">When it happened (drives the holdout split and popularity decay).</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record UserEvent([property: Orleans.Id(0)] string UserId, [property: Orleans.Id(1)] string ProductId, [property: Orleans.Id(2)] UserEventKind Kind, [property: Orleans.Id(3)] DateTimeOffset Timestamp) : IValidatableEvent
{
    /// <summary>The input topic.</summary>
    public const string Topic = "user-events";

    /// <summary>Earliest accepted timestamp: older values are almost certainly a unit or parsing mistake.</summary>
    public static readonly DateTimeOffset EarliestTimestamp = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public void Validate(EventValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (GrainKeys.Validate(UserId) is { } user)
        {
            errors.Add("userId", user);
        }

        if (GrainKeys.Validate(ProductId) is { } product)
        {
            errors.Add("productId", product);
        }

        if (!Enum.IsDefined(Kind))
        {
            errors.Add("kind", $"'{Kind}' is not one of view, click, purchase.");
        }

        if (Timestamp < EarliestTimestamp || Timestamp.Year > 9000)
        {
            errors.Add("timestamp", $"{Timestamp:O} is outside the accepted range (from {EarliestTimestamp:yyyy-MM-dd}).");
        }
    }
}
