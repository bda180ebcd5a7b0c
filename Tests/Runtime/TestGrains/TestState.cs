namespace StreamOrleans.Tests.Runtime.TestGrains;

public sealed class TestState
{
    public string Value { get; set; } = "";

    public long Count { get; set; }

    public long Sum { get; set; }

    public List<long> Applied { get; set; } = [];
}
