namespace StreamOrleans.Api.Faces.Contracts;

/// <summary>An enrolled person and their number of face samples.</summary>
public sealed record PersonResponse(string Name, int Samples);
