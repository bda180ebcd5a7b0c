using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StreamOrleans.Persistence.Stores.Sqlite;

/// <summary>Registers the embedded SQLite grain-state store.</summary>
public static class SqliteGrainStorageServiceCollectionExtensions
{
    /// <summary>
    /// Grain state in an embedded SQLite file (options "Storage:Sqlite", then <paramref name="configure"/>) as the keyed
    /// <see cref="IGrainStateStore"/> <paramref name="name"/>; options are validated at start-up.
    /// </summary>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, IConfiguration configuration, Action<SqliteGrainStorageOptions>? configure, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOptions<SqliteGrainStorageOptions>(name).Bind(configuration.GetSection(SqliteGrainStorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.PostConfigure(configure);
        }

        services.AddKeyedSingleton<IGrainStateStore>(name, (sp, key) => new SqliteGrainStorage(
            Options.Create(sp.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get((string)key!)),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
