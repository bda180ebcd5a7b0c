namespace StreamOrleans.Api.Cameras.Contracts;

/// <summary>A face in a frame: box, name ("Unknown" when nobody matched), confidence, detector score and nearest distance.</summary>
public sealed record FaceResponse(BoxResponse Box, string Name, double Confidence, double Score, double? Distance);
