using Npgsql;

namespace StreamOrleans.Streaming.Postgres;

/// <summary>
/// One component's tables, made sure of (<see cref="PostgresSchema.EnsureAsync"/>) on first use and again on the
/// next use after a failure. A <c>Lazy&lt;Task&gt;</c> keeps a faulted task for good: a store first used while
/// PostgreSQL restarted then failed every later call with that first error (in the chaos harness a replica's grain
/// state reads failed for minutes with "Exception while reading from stream" after the database was back).
/// </summary>
internal sealed class PostgresSchemaOnce(NpgsqlDataSource dataSource, string component, IReadOnlyList<string> migrations)
{
    private readonly Lock _gate = new();
    private Task? _ensured;

    /// <summary>Completes when the tables exist; a failed attempt is retried by the next call.</summary>
    public Task EnsureAsync()
    {
        lock (_gate)
        {
            if (_ensured is null || _ensured.IsFaulted || _ensured.IsCanceled)
            {
                _ensured = PostgresSchema.EnsureAsync(dataSource, component, migrations);
            }

            return _ensured;
        }
    }
}
