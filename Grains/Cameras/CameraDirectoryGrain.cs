using StreamOrleans.Grains.Interfaces.Cameras;

namespace StreamOrleans.Grains.Cameras;

/// <summary>Remembers every camera that has sent a frame (for GET /api/cameras).</summary>
public sealed class CameraDirectoryGrain([PersistentState("cameraDirectory", GrainProviders.Storage)] IPersistentState<CameraDirectoryState> state) : Grain, ICameraDirectoryGrain
{
    public async Task RegisterAsync(string cameraId)
    {
        ArgumentException.ThrowIfNullOrEmpty(cameraId);
        if (state.State.Cameras.Add(cameraId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Cameras]);
}
