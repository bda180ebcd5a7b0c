using Npgsql;

namespace StreamOrleans.Runtime.Postgres;

/// <summary>
/// The process's one <see cref="NpgsqlDataSource"/> (connection pool) for ConnectionStrings:Postgres, shared by the
/// PostgreSQL grain storage, stream log and partition ownership.
/// </summary>
public sealed class PostgresDataSourceProvider : IAsyncDisposable
{
    /// <summary>Name of the connection string ("ConnectionStrings:Postgres").</summary>
    public const string ConnectionStringName = "Postgres";

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
            DataSource = NpgsqlDataSource.Create(connectionString);
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
