using Orleans;

namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>The persistent list of cameras that have sent frames (single key <see cref="Key"/>).</summary>
public interface ICameraDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one key of this grain.</summary>
    const string Key = "all";

    /// <summary>Adds a camera id (idempotent).</summary>
    Task RegisterAsync(string cameraId);

    /// <summary>Every registered camera id, sorted ordinally.</summary>
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<IReadOnlyList<string>> ListAsync();
}
