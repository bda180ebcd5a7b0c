namespace StreamOrleans.Tests.Support;

/// <summary>
/// An <see cref="Azurite"/> of its own (own ports, own folder, started and stopped with this collection) for the test
/// that SIGKILLs a silo writing blobs again and again, apart from <see cref="AzuriteCollection"/>: whatever the killed
/// clients leave behind in the emulator cannot reach the other Azurite tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCrashCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection's name, for <c>[Collection(AzuriteCrashCollection.Name)]</c>.</summary>
    public const string Name = "Azurite crash";
}
