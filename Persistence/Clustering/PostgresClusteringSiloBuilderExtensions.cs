using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StreamOrleans.Streaming.Postgres;

namespace StreamOrleans.Persistence.Clustering;

/// <summary>Cluster membership in PostgreSQL through Orleans' ADO.NET clustering, on our own schema.</summary>
public static class PostgresClusteringSiloBuilderExtensions
{
    /// <summary>Orleans' ADO.NET provider's invariant name for Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Silos with the same cluster id find each other in the membership tables of ConnectionStrings:Postgres (the first
    /// schema of its search path); the tables and the provider's queries are created or migrated when the silo starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">ConnectionStrings:Postgres is missing or not a valid Npgsql connection string.</exception>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(PostgresDataSourceProvider.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set; it is required when Cluster:Clustering is Postgres " +
                "(e.g. \"Host=127.0.0.1;Username=streamorleans;Password=...;Database=streamorleans\").");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"ConnectionStrings:Postgres is not a valid Npgsql connection string: {e.Message}", e);
        }

        // Membership gets its own small pool (the provider opens connections from the string), so heartbeats and death
        // declarations never queue behind grain storage on the shared data source.
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new PostgresClusteringSchemaInitializer(connectionString));
        return builder.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
    }
}
