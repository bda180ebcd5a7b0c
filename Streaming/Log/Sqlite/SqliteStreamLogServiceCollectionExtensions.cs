using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>Registers the embedded SQLite stream log as the silo's <see cref="IStreamLog"/>.</summary>
public static class SqliteStreamLogServiceCollectionExtensions
{
    /// <summary>Configuration section name of <see cref="SqliteStreamLogOptions"/>.</summary>
    public const string SectionName = "Streams:Sqlite";

    /// <summary>
    /// The embedded stream log, configured from "Streams:Sqlite" then <paramref name="configure"/>; options are
    /// validated when the log is first resolved (at silo start-up).
    /// </summary>
    public static IServiceCollection AddSqliteStreamLog(this IServiceCollection services, IConfiguration configuration, Action<SqliteStreamLogOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SqliteStreamLogOptions>().Bind(configuration.GetSection(SectionName)).PostConfigure(o => configure?.Invoke(o));
        services.AddSingleton(sp => new SqliteStreamLog(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SqliteStreamLogOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IStreamLog>(sp => sp.GetRequiredService<SqliteStreamLog>());
        return services;
    }
}
