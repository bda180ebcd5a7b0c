namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Turns events into an implicit rating: r = 3 x purchases + clicks + <see cref="ViewWeight"/> x views.
/// The confidence derived from it (c = 1 + alpha x r) is <see cref="ImplicitAlsOptions.Confidence"/>.
/// </summary>
public sealed record FeedbackWeights
{
    /// <summary>Weight of one purchase.</summary>
    public const float PurchaseWeight = 3f;

    /// <summary>Weight of one click.</summary>
    public const float ClickWeight = 1f;

    /// <summary>The defaults of issue 3: views count nothing.</summary>
    public static FeedbackWeights Default { get; } = new();

    /// <summary>Weight of one view, in [0, 1]; 0 (the default) ignores views.</summary>
    public float ViewWeight
    {
        get;
        init
        {
            if (!float.IsFinite(value) || value < 0f || value > 1f)
            {
                throw new ArgumentOutOfRangeException(nameof(ViewWeight), value, "ViewWeight must be a number in [0, 1].");
            }

            field = value;
        }
    }

    /// <summary>The rating one event of <paramref name="kind"/> adds.</summary>
    public float Weight(InteractionKind kind) => kind switch
    {
        InteractionKind.Purchase => PurchaseWeight,
        InteractionKind.Click => ClickWeight,
        InteractionKind.View => ViewWeight,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown interaction kind; expected View, Click or Purchase."),
    };
}
