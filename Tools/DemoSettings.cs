namespace StreamOrleans.Tools;

/// <summary>What the demo sends: counter events per second over how many keys, and whether the feature demos run.</summary>
internal sealed record DemoSettings(string Url, string? ApiKey, int Rate, int Keys)
{
    /// <summary>Shopper events per second (recommendations).</summary>
    public int ShopperEventsPerSecond { get; init; } = 200;

    /// <summary>Background posts per second (trends).</summary>
    public double PostsPerSecond { get; init; } = 5;

    /// <summary>Cameras, each sending <see cref="FramesPerSecond"/>.</summary>
    public int Cameras { get; init; } = 3;

    /// <summary>Frames per second per camera (each ~200 KB in, about as much annotated out: the demo's main disk cost, see README).</summary>
    public double FramesPerSecond { get; init; } = 1;
}
