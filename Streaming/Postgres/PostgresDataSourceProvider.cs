using Npgsql;

namespace StreamOrleans.Streaming.Postgres;

/// <summary>
/// The process's one <see cref="NpgsqlDataSource"/> (connection pool) for ConnectionStrings:Postgres, shared by the
/// PostgreSQL grain storage and stream log.
/// </summary>
public sealed class PostgresDataSourceProvider : IAsyncDisposable
{
    /// <summary>Name of the connection string ("ConnectionStrings:Postgres").</summary>
    public const string ConnectionStringName = "Postgres";

    /// <summary>Connections per process when the connection string does not set "Maximum Pool Size".</summary>
    public const int DefaultMaxPoolSize = 16;

    public PostgresDataSourceProvider(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set; it is required when Silo:LogProvider or Silo:StateProvider is Postgres " +
                "(e.g. \"Host=127.0.0.1;Username=streamorleans;Password=...;Database=streamorleans\").");
        }

        try
        {
            // Replicas share one server (PostgreSQL's default is 100 connections in all), and a burst of grain activations
            // would otherwise open up to Npgsql's default of 100 per process: cap the pool unless the string sets it.
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"max(imum)?\s*pool\s*size", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            {
                builder.MaxPoolSize = DefaultMaxPoolSize;
            }

            DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"ConnectionStrings:Postgres is not a valid Npgsql connection string: {e.Message}", e);
        }
    }

    /// <summary>The pool.</summary>
    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
