using StreamOrleans.Runtime;

namespace StreamOrleans.Tests.Runtime.TestGrains;

/// <summary>Exercises IPersistentState, timers and deactivation.</summary>
public interface IStateGrain : IGrainWithStringKey
{
    /// <summary>Sets the value; writes state when <paramref name="write"/> is true.</summary>
    Task SetAsync(string value, bool write);

    Task<string> GetAsync();

    /// <summary>The stored ETag, or null.</summary>
    Task<string?> GetEtagAsync();

    Task ClearAsync();

    /// <summary>Starts a timer that adds one to Count each tick.</summary>
    Task StartTimerAsync(TimeSpan period);

    Task<long> GetCountAsync();
}
