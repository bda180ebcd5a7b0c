using System.Diagnostics;
using Npgsql;

namespace StreamOrleans.Tests.Support;

/// <summary>
/// The real PostgreSQL server the tests use: Debian's PostgreSQL on this machine, started by scripts/setup/60-postgres.sh
/// (run here once if the server does not answer), or STREAMORLEANS_POSTGRES for another server. Each
/// <see cref="CreateSchemaAsync"/> gives a test its own empty schema, so tests never see each other's tables.
/// </summary>
public static class PostgresDatabase
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=streamorleans;Password=streamorleans;Database=streamorleans";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _ready;

    /// <summary>The server's connection string (no schema).</summary>
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("STREAMORLEANS_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>Creates a fresh schema and returns a connection string whose search path is that schema.</summary>
    public static async Task<string> CreateSchemaAsync(string prefix = "t")
    {
        await EnsureServerAsync();

        // The creation time is in the name, so later runs can drop what earlier runs left behind.
        var schema = $"{prefix}_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 24, 60)];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>
    /// A data source on <paramref name="connectionString"/> whose new connections fail while <paramref name="down"/>
    /// says so, with the error Npgsql gives for a connection the server dropped (as while PostgreSQL restarts).
    /// </summary>
    public static NpgsqlDataSource Restarting(string connectionString, Func<bool> down)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UsePhysicalConnectionInitializer(
            _ => ThrowIfDown(down),
            _ =>
            {
                ThrowIfDown(down);
                return Task.CompletedTask;
            });
        return builder.Build();

        static void ThrowIfDown(Func<bool> down)
        {
            if (down())
            {
                throw new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
            }
        }
    }

    private static async Task EnsureServerAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_ready)
            {
                return;
            }

            if (!await AnswersAsync())
            {
                // Not running (a fresh machine, or the cluster was stopped): the set-up step installs and starts it.
                var script = Path.Combine(RepositoryPaths.Root, "scripts", "setup", "60-postgres.sh");
                using var setup = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                var output = await setup.StandardOutput.ReadToEndAsync() + await setup.StandardError.ReadToEndAsync();
                await setup.WaitForExitAsync();
                if (setup.ExitCode != 0 || !await AnswersAsync())
                {
                    throw new InvalidOperationException($"PostgreSQL does not answer at {ConnectionString} and {script} could not start it:\n{output}");
                }
            }

            await DropOldSchemasAsync();
            _ready = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    // Schemas of test runs that ended more than an hour ago (a run in progress elsewhere keeps its own).
    private static async Task DropOldSchemasAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var cutoff = DateTime.UtcNow.AddHours(-1).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var old = new List<string>();
        await using (var list = new NpgsqlCommand(
            @"SELECT nspname FROM pg_namespace WHERE nspname ~ '^[a-z_]+_[0-9]{14}_[0-9a-f]+$' AND substring(nspname from '_([0-9]{14})_') < @cutoff", connection))
        {
            list.Parameters.AddWithValue("cutoff", cutoff);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                old.Add(reader.GetString(0));
            }
        }

        foreach (var schema in old)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<bool> AnswersAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
