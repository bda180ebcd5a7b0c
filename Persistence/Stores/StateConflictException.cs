namespace StreamOrleans.Persistence.Stores;

/// <summary>
/// A state write or clear found a different ETag in storage than the one the writer last read: someone else wrote
/// the state in between (optimistic concurrency conflict). The Orleans storage provider turns it into Orleans'
/// <c>InconsistentStateException</c>.
/// </summary>
public sealed class StateConflictException : Exception
{
    /// <summary>A conflict on <paramref name="stateName"/> of <paramref name="grain"/>.</summary>
    public StateConflictException(GrainStateKey grain, string stateName, string? expectedEtag, string? storedEtag)
        : base($"State '{stateName}' of grain {grain} was changed by someone else: expected ETag " +
               $"'{expectedEtag ?? "(none: new record)"}' but storage has '{storedEtag ?? "(none: no record)"}'.")
    {
        Grain = grain;
        StateName = stateName;
        ExpectedEtag = expectedEtag;
        StoredEtag = storedEtag;
    }

    /// <summary>A conflict without details.</summary>
    public StateConflictException() : this("State ETag conflict.") { }

    /// <summary>A conflict described by <paramref name="message"/>.</summary>
    public StateConflictException(string message) : base(message) => StateName = "";

    /// <summary>A conflict described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public StateConflictException(string message, Exception innerException) : base(message, innerException) => StateName = "";

    /// <summary>The grain whose state conflicted.</summary>
    public GrainStateKey Grain { get; }

    /// <summary>The state's name.</summary>
    public string StateName { get; }

    /// <summary>The ETag the writer held.</summary>
    public string? ExpectedEtag { get; }

    /// <summary>The ETag found in storage.</summary>
    public string? StoredEtag { get; }
}
