namespace StreamOrleans.Api.Faces.Contracts;

/// <summary>GET /api/faces: enrolled people, sorted by name.</summary>
public sealed record PeopleResponse(IReadOnlyList<PersonResponse> People);
