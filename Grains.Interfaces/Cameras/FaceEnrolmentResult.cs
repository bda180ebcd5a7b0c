namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>
/// The outcome of an enrolment: on success the person's sample count; otherwise the index of the first image that
/// was refused and why (nothing is stored then).
/// </summary>
public sealed record FaceEnrolmentResult(string Name, int Samples, int? FailedImage, string? Failure)
{
    /// <summary>True when every image was enrolled.</summary>
    public bool Succeeded => Failure is null;
}
