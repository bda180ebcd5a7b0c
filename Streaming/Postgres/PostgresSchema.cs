using Npgsql;

namespace StreamOrleans.Streaming.Postgres;

/// <summary>
/// Creates and migrates the tables of one provider component ("grain_state", "stream_log", and the Orleans clustering tables) in the
/// connection's schema (the first of its search path). Versions are recorded per component in
/// <c>schema_version</c>; migrations run in one transaction under a transaction-scoped advisory lock, so replicas
/// starting together apply each step once. A database written by a newer version is refused.
/// </summary>
internal static class PostgresSchema
{
    // Arbitrary constant shared by every StreamOrleans process: the advisory lock key of schema migrations.
    private const long MigrationLockKey = 0x53_4f_5f_4d_49_47; // "SO_MIG"

    /// <summary>Applies the <paramref name="migrations"/> (index i brings the component to version i + 1) that are missing.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string component, IReadOnlyList<string> migrations, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(@key); CREATE TABLE IF NOT EXISTS schema_version (component TEXT NOT NULL, version INT NOT NULL, PRIMARY KEY (component, version));",
            connection,
            transaction))
        {
            command.Parameters.AddWithValue("key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        int current;
        await using (var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version WHERE component = @c", connection, transaction))
        {
            command.Parameters.AddWithValue("c", component);
            current = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        if (current > migrations.Count)
        {
            throw new NotSupportedException(
                $"The PostgreSQL schema of '{component}' is at version {current}, newer than this build supports ({migrations.Count}); upgrade StreamOrleans or use another database/schema.");
        }

        for (var version = current + 1; version <= migrations.Count; version++)
        {
            await using var migrate = new NpgsqlCommand(migrations[version - 1] + "; INSERT INTO schema_version (component, version) VALUES (@c, @v);", connection, transaction);
            migrate.Parameters.AddWithValue("c", component);
            migrate.Parameters.AddWithValue("v", version);
            await migrate.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
