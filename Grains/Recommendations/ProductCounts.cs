namespace StreamOrleans.Grains.Recommendations;

/// <summary>A user's counts for one product (part of <see cref="UserState"/>).</summary>
public sealed class ProductCounts
{
    /// <summary>Views.</summary>
    public int Views { get; set; }

    /// <summary>Clicks.</summary>
    public int Clicks { get; set; }

    /// <summary>Purchases.</summary>
    public int Purchases { get; set; }

    /// <summary>Time of the latest event.</summary>
    public DateTimeOffset LastAt { get; set; }
}
