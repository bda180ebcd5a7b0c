namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>A person in the face gallery and how many face samples they have.</summary>
public sealed record EnrolledPerson(string Name, int Samples);
