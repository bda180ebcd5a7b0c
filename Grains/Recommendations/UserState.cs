using StreamOrleans.Streaming.ExactlyOnce;
namespace StreamOrleans.Grains.Recommendations;

/// <summary>The persisted state of a <see cref="UserGrain"/>.</summary>
public sealed class UserState : IExactlyOnceState
{
    /// <summary>Events applied.</summary>
    public long Events { get; set; }

    /// <summary>Counts per product id.</summary>
    public Dictionary<string, ProductCounts> Products { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The top-N list last published to topic "recommendations" (so only changes are published).</summary>
    public List<string> LastPublished { get; set; } = [];

    /// <summary>The stream positions the state includes (exactly-once bookkeeping).</summary>
    public AppliedPositions Applied { get; set; } = new();
}
