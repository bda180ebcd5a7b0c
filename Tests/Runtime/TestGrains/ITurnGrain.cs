using StreamOrleans.Runtime;

namespace StreamOrleans.Tests.Runtime.TestGrains;

/// <summary>Checks the turn-based guarantees: one call at a time, continuations inside the turn, FIFO order.</summary>
public interface ITurnGrain : IGrainWithStringKey
{
    /// <summary>Increments across awaits; throws if another call ran inside this one's turn.</summary>
    Task<int> IncrementAsync();

    /// <summary>Appends a number to the call log.</summary>
    ValueTask AppendAsync(int value);

    Task<IReadOnlyList<int>> GetLogAsync();

    /// <summary>The id of this activation (a new one after each deactivation).</summary>
    Task<Guid> GetActivationIdAsync();

    /// <summary>Calls another turn grain and returns its activation id.</summary>
    Task<Guid> CallOtherAsync(string key);

    /// <summary>Waits on a signal the test controls (for timeout tests).</summary>
    Task BlockAsync(string signal);
}
