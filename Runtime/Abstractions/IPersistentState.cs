namespace StreamOrleans.Runtime;

/// <summary>
/// A grain's durable state, injected through the grain's constructor (as in Orleans). The runtime reads it before
/// <see cref="Grain.OnActivateAsync"/>; the grain changes <see cref="State"/> and calls <see cref="WriteStateAsync"/>.
/// </summary>
/// <typeparam name="TState">A type registered with a System.Text.Json source-generated context.</typeparam>
public interface IPersistentState<TState>
    where TState : new()
{
    /// <summary>The current value; a new <typeparamref name="TState"/> when nothing is stored.</summary>
    TState State { get; set; }

    /// <summary>The stored version this activation last read or wrote; null when no record exists.</summary>
    string? Etag { get; }

    /// <summary>Whether a record exists in storage.</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/> (with the grain's stream positions) if the stored ETag still matches.</summary>
    /// <exception cref="InconsistentStateException">Storage holds a different version.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record and resets <see cref="State"/> to a new value.</summary>
    /// <exception cref="InconsistentStateException">Storage holds a different version.</exception>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
