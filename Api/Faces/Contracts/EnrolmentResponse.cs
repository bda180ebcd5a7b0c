namespace StreamOrleans.Api.Faces.Contracts;

/// <summary>POST /api/faces/{name}: the person's sample count after adding <paramref name="Added"/> images.</summary>
public sealed record EnrolmentResponse(string Name, int Samples, int Added);
