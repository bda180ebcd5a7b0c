namespace StreamOrleans.Streaming.ExactlyOnce;

/// <summary>A grain state that carries the positions of the streams applied to it (see <see cref="ExactlyOnceExtensions"/>).</summary>
public interface IExactlyOnceState
{
    /// <summary>Last applied position per topic; stored with the rest of the state.</summary>
    AppliedPositions Applied { get; }
}
