namespace StreamOrleans.Tests.Integration.Chaos;

/// <summary>The chaos test runs after the parallel tests, alone: it loads both cores with three replicas and a server.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "Chaos";
}
