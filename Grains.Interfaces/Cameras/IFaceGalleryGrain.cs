using Orleans;

namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>The persistent gallery of enrolled people (single key <see cref="Key"/>): name -> face descriptors.</summary>
public interface IFaceGalleryGrain : IGrainWithStringKey
{
    /// <summary>The one key of this grain.</summary>
    const string Key = "default";

    /// <summary>
    /// Adds one descriptor per image to <paramref name="name"/>. All or nothing: each image must be a valid JPEG with
    /// exactly one face, else nothing is stored and the result names the first bad image.
    /// </summary>
    Task<FaceEnrolmentResult> EnrolAsync(string name, IReadOnlyList<byte[]> images);

    /// <summary>People and sample counts, sorted by name.</summary>
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<IReadOnlyList<EnrolledPerson>> ListAsync();

    /// <summary>Removes a person; false when not enrolled.</summary>
    Task<bool> RemoveAsync(string name);

    /// <summary>The gallery's current version and descriptors (what cameras identify against).</summary>
    Task<FaceGallerySnapshot> GetSnapshotAsync();
}
