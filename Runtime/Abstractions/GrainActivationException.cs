namespace StreamOrleans.Runtime;

/// <summary>A grain could not be activated: its constructor, state read or OnActivateAsync failed.</summary>
public sealed class GrainActivationException : Exception
{
    public GrainActivationException(GrainId grain, Exception innerException)
        : base($"Activation of grain {grain} failed: {innerException.Message}", innerException) => Grain = grain;

    public GrainActivationException() : this("Grain activation failed.") { }

    public GrainActivationException(string message) : base(message) { }

    public GrainActivationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The grain that failed to activate.</summary>
    public GrainId Grain { get; }
}
