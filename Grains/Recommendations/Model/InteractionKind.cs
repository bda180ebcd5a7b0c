namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>What a user did with a product.</summary>
public enum InteractionKind
{
    /// <summary>The user saw the product (weight configurable, 0 by default).</summary>
    View,

    /// <summary>The user clicked the product (weight 1).</summary>
    Click,

    /// <summary>The user bought the product (weight 3).</summary>
    Purchase,
}
