namespace StreamOrleans.Tools.Demo;

/// <summary>One photo of a folder import handled: <paramref name="Done"/> of <paramref name="Total"/>, and whether it was enrolled.</summary>
internal sealed record FaceImportStep(int Done, int Total, string File, bool Enrolled);
