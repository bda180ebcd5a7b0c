namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>A person in the face gallery and how many face samples they have.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record EnrolledPerson([property: Orleans.Id(0)] string Name, [property: Orleans.Id(1)] int Samples);
