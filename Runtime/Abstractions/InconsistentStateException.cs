namespace StreamOrleans.Runtime;

/// <summary>
/// A state write or clear found a different ETag in storage than the one the grain last read: someone else wrote
/// the state in between (optimistic concurrency conflict). Re-read the state and retry, or deactivate.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(GrainId grain, string stateName, string? expectedEtag, string? storedEtag)
        : base($"State '{stateName}' of grain {grain} was changed by someone else: expected ETag " +
               $"'{expectedEtag ?? "(none: new record)"}' but storage has '{storedEtag ?? "(none: no record)"}'.")
    {
        Grain = grain;
        StateName = stateName;
        ExpectedEtag = expectedEtag;
        StoredEtag = storedEtag;
    }

    public InconsistentStateException() : this("State ETag conflict.") { }

    public InconsistentStateException(string message) : base(message) => StateName = "";

    public InconsistentStateException(string message, Exception innerException) : base(message, innerException) => StateName = "";

    /// <summary>The grain whose state conflicted.</summary>
    public GrainId Grain { get; }

    /// <summary>The state's name.</summary>
    public string StateName { get; }

    /// <summary>The ETag the grain held.</summary>
    public string? ExpectedEtag { get; }

    /// <summary>The ETag found in storage.</summary>
    public string? StoredEtag { get; }
}
