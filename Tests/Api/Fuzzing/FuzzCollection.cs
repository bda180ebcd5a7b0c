namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>
/// The fuzz test runs alone (xunit runs collections without parallelization after the others): it measures the
/// process's managed heap, which other tests' hosts would share, and it loads the machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "Fuzz";
}
