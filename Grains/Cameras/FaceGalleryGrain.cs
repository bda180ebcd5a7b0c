using StreamOrleans.Grains.Cameras.Identification;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Interfaces.Cameras;

namespace StreamOrleans.Grains.Cameras;

/// <summary>
/// The gallery of enrolled people. Every change is written, bumps the version and publishes a new identifier to the
/// process's <see cref="GalleryIdentifierCache"/>, so cameras pick it up without calling this grain per frame.
/// </summary>
public sealed class FaceGalleryGrain(
    [PersistentState("faceGallery", GrainProviders.Storage)] IPersistentState<FaceGalleryState> state,
    FaceAnalyzerProvider analyzer,
    InferencePool inference,
    GalleryIdentifierCache identifiers) : Grain, IFaceGalleryGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        identifiers.Publish(Snapshot());
        return Task.CompletedTask;
    }

    public async Task<FaceEnrolmentResult> EnrolAsync(string name, IReadOnlyList<byte[]> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (PersonName.Validate(name) is { } badName)
        {
            return new FaceEnrolmentResult(name, 0, null, badName);
        }

        if (images.Count == 0)
        {
            return new FaceEnrolmentResult(name, 0, null, "No image was sent.");
        }

        var descriptors = new List<float[]>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            FrameAnalysis frame;
            try
            {
                var image = images[i];
                frame = await inference.RunAsync(() => analyzer.Analyzer.Analyze(image));
            }
            catch (InvalidImageException e)
            {
                return new FaceEnrolmentResult(name, 0, i, e.Message);
            }

            if (frame.Faces.Count != 1)
            {
                frame.Image.Dispose();
                return new FaceEnrolmentResult(name, 0, i, frame.Faces.Count == 0
                    ? "No face was found in the image; enrol a photo with exactly one face."
                    : $"{frame.Faces.Count} faces were found in the image; enrol a photo with exactly one face.");
            }

            frame.Image.Dispose();
            descriptors.Add(frame.Faces[0].Descriptor);
        }

        if (!state.State.People.TryGetValue(name, out var samples))
        {
            state.State.People[name] = samples = [];
        }

        samples.AddRange(descriptors);
        await CommitAsync();
        return new FaceEnrolmentResult(name, samples.Count, null, null);
    }

    public Task<IReadOnlyList<EnrolledPerson>> ListAsync() =>
        Task.FromResult<IReadOnlyList<EnrolledPerson>>([.. state.State.People.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new EnrolledPerson(p.Key, p.Value.Count))]);

    public async Task<bool> RemoveAsync(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!state.State.People.Remove(name))
        {
            return false;
        }

        await CommitAsync();
        return true;
    }

    public Task<FaceGallerySnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    private async Task CommitAsync()
    {
        state.State.Version++;
        await state.WriteStateAsync();
        identifiers.Publish(Snapshot());
    }

    private FaceGallerySnapshot Snapshot() => new(
        state.State.Version,
        [.. state.State.People.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new GalleryPerson(p.Key, [.. p.Value.Select(d => (float[])d.Clone())]))]);
}
