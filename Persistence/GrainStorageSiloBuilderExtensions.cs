using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.Hosting;
using StreamOrleans.Persistence.Stores;
using StreamOrleans.Persistence.Stores.Sqlite;
using StreamOrleans.Persistence.Stores.Postgres;

namespace StreamOrleans.Persistence;

/// <summary>Registers our group-commit stores as Orleans grain storage providers.</summary>
public static class GrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Grain state in an embedded SQLite file (options "Storage:Sqlite": FilePath, Synchronous, MaxWritesPerCommit)
    /// as Orleans storage provider <paramref name="name"/>.
    /// </summary>
    public static ISiloBuilder AddStreamOrleansSqliteStorage(this ISiloBuilder builder, string name, IConfiguration configuration, Action<SqliteGrainStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSqliteGrainStorage(configuration, configure, name);
        return builder.AddStore(name);
    }

    /// <summary>Grain state in PostgreSQL (ConnectionStrings:Postgres, options "Storage:Postgres") as Orleans storage provider <paramref name="name"/>.</summary>
    public static ISiloBuilder AddStreamOrleansPostgresStorage(this ISiloBuilder builder, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddPostgresGrainStorage(configuration, name);
        return builder.AddStore(name);
    }

    private static ISiloBuilder AddStore(this ISiloBuilder builder, string name)
    {
        builder.Services.AddKeyedSingleton(name, (services, key) => new GroupCommitGrainStorage((string)key!, services.GetRequiredKeyedService<IGrainStateStore>(key)));
        builder.Services.AddGrainStorage(name, (services, key) => services.GetRequiredKeyedService<GroupCommitGrainStorage>(key));
        builder.Services.AddSingleton<StreamOrleans.Streaming.Rewind.IStreamStateReset>(services => services.GetRequiredKeyedService<GroupCommitGrainStorage>(name));
        return builder;
    }
}
