namespace StreamOrleans.Runtime.Placement;

/// <summary>A call for a grain reached a replica that does not host it (ownership moved meanwhile); the caller retries.</summary>
public sealed class GrainNotLocalException : Exception
{
    public GrainNotLocalException(GrainId grain)
        : base($"Grain {grain} does not live on this replica (its partition moved); ask its current owner.") => Grain = grain;

    public GrainNotLocalException() : this("The grain does not live on this replica.") { }

    public GrainNotLocalException(string message) : base(message) { }

    public GrainNotLocalException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The grain.</summary>
    public GrainId Grain { get; }
}
