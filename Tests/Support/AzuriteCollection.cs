namespace StreamOrleans.Tests.Support;

/// <summary>
/// The tests that need Azure Storage share one <see cref="Azurite"/> (started once for the collection, stopped after
/// it); each test uses its own container or table names, so tests never see each other's data. The blob crash test has
/// its own instance (<see cref="AzuriteCrashCollection"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection's name, for <c>[Collection(AzuriteCollection.Name)]</c>.</summary>
    public const string Name = "Azurite";
}

/// <summary>Starts Azurite for <see cref="AzuriteCollection"/> and stops it at the end.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    /// <summary>The running emulator.</summary>
    public Azurite Azurite => _azurite ?? throw new InvalidOperationException("Azurite is not started yet.");

    /// <summary>A name no other test uses, valid as a blob container and as a table name (lower-case letters and digits).</summary>
    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 20, 63)];

    /// <inheritdoc />
    public async Task InitializeAsync() => _azurite = await Azurite.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
