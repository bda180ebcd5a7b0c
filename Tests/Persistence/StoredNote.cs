namespace StreamOrleans.Tests.Persistence;

/// <summary>A small grain state for the storage tests.</summary>
public sealed class StoredNote
{
    public string Text { get; set; } = "";

    public int Version { get; set; }
}
