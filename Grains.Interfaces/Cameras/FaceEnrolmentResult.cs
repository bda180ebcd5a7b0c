namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>
/// The outcome of an enrolment: on success the person's sample count; otherwise the index of the first image that
/// was refused and why (nothing is stored then).
/// </summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record FaceEnrolmentResult([property: Orleans.Id(0)] string Name, [property: Orleans.Id(1)] int Samples, [property: Orleans.Id(2)] int? FailedImage, [property: Orleans.Id(3)] string? Failure)
{
    /// <summary>True when every image was enrolled.</summary>
    public bool Succeeded => Failure is null;
}
