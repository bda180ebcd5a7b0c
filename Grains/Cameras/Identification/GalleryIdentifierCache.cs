using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Interfaces.Cameras;

namespace StreamOrleans.Grains.Cameras.Identification;

/// <summary>
/// The process's identifier for the newest gallery version the gallery grain published, so cameras never call the
/// gallery per frame. The gallery grain publishes after every change and on activation; a camera that finds the
/// cache empty or older than <see cref="MaxAge"/> asks the gallery grain for its snapshot (it may live on another silo).
/// </summary>
public sealed class GalleryIdentifierCache(IOptions<CamerasOptions> options, [FromKeyedServices(GrainProviders.Clock)] TimeProvider time)
{
    private FaceIdentifier? _current;
    private long _refreshedAt;

    /// <summary>How long a silo trusts its identifier before it asks the gallery grain (on another silo) for news.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    /// <summary>The newest identifier, or null when no gallery version was published in this process yet.</summary>
    public FaceIdentifier? Current => Volatile.Read(ref _current);

    /// <summary>
    /// The identifier when it was published within <see cref="MaxAge"/>; null when the caller should fetch the
    /// gallery's snapshot (the gallery grain publishes each change at once only on its own silo).
    /// </summary>
    public FaceIdentifier? Fresh() =>
        time.GetElapsedTime(Volatile.Read(ref _refreshedAt)) < MaxAge ? Current : null;

    /// <summary>Builds an identifier for <paramref name="snapshot"/> unless a newer or equal version is already held.</summary>
    public FaceIdentifier Publish(FaceGallerySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _refreshedAt, time.GetTimestamp());
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
