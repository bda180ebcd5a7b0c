namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>Whether a burst began or ended.</summary>
public enum BurstEventKind
{
    /// <summary>A burst was detected.</summary>
    Start = 0,

    /// <summary>A burst ended.</summary>
    Stop = 1,
}
