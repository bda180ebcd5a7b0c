using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Interfaces.Cameras;

namespace StreamOrleans.Grains.Cameras.Identification;

/// <summary>
/// The process's identifier for the newest gallery version the gallery grain published, so cameras never call the
/// gallery per frame. The gallery grain publishes after every change and on activation; a camera that finds the
/// cache empty asks the gallery grain once for its snapshot.
/// </summary>
public sealed class GalleryIdentifierCache(IOptions<CamerasOptions> options)
{
    private FaceIdentifier? _current;

    /// <summary>The newest identifier, or null when no gallery version was published in this process yet.</summary>
    public FaceIdentifier? Current => Volatile.Read(ref _current);

    /// <summary>Builds an identifier for <paramref name="snapshot"/> unless a newer or equal version is already held.</summary>
    public FaceIdentifier Publish(FaceGallerySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && current.Version >= snapshot.Version)
            {
                return current;
            }

            var value = options.Value;
            var next = new FaceIdentifier(snapshot, value.Identification, value.MatchThreshold, value.ClassifierThreshold);
            if (Interlocked.CompareExchange(ref _current, next, current) == current)
            {
                return next;
            }
        }
    }
}
