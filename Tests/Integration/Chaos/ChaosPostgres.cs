using System.Globalization;
using Npgsql;

namespace StreamOrleans.Tests.Integration.Chaos;

/// <summary>
/// A PostgreSQL server of the chaos run's own (Debian's PostgreSQL 15 binaries, a fresh data folder in /tmp, run as
/// user postgres), so the harness can restart it without disturbing the shared server other tests use. It listens on
/// loopback (for the harness) and on the chaos bridge (for the replicas); authentication is "trust" on those two
/// addresses only, as befits a throwaway server.
/// </summary>
internal sealed class ChaosPostgres : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _data;

    private ChaosPostgres(string folder, int port)
    {
        Folder = folder;
        _data = Path.Combine(folder, "data");
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    /// <summary>The connection string at <paramref name="host"/> (loopback for the harness, the bridge for replicas).</summary>
    public string ConnectionString(string host) =>
        $"Host={host};Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Timeout=5;Command Timeout=20;Maximum Pool Size=30";

    /// <summary>Says why the server cannot run here, or null when it can.</summary>
    public static string? Unavailable() => File.Exists(Path.Combine(Bin, "initdb")) ? null : $"{Bin}/initdb is missing (scripts/setup/60-postgres.sh installs PostgreSQL 15)";

    /// <summary>Creates and starts a server listening on 127.0.0.1 and <paramref name="bridgeAddress"/>.</summary>
    public static ChaosPostgres Start(string bridgeAddress, string bridgeNetwork)
    {
        StopLeftovers();
        var folder = Directory.CreateTempSubdirectory($"streamorleans-chaos-pg-{Environment.ProcessId}-").FullName;
        var server = new ChaosPostgres(folder, Support.FreePorts.Take(1)[0]);
        ChaosNetwork.Run("chown", $"postgres {folder}");
        AsPostgres($"{Bin}/initdb -D {server._data} -A trust -U postgres --no-sync");
        File.AppendAllText(Path.Combine(server._data, "postgresql.conf"), string.Join('\n',
            $"listen_addresses = '127.0.0.1,{bridgeAddress}'",
            $"port = {server.Port.ToString(CultureInfo.InvariantCulture)}",
            "unix_socket_directories = ''",
            "max_connections = 200",
            "fsync = on",
            "shared_buffers = 64MB",
            "") );
        File.AppendAllText(Path.Combine(server._data, "pg_hba.conf"), $"host all all {bridgeNetwork} trust\n");
        server.Control("start");
        return server;
    }

    /// <summary>Restarts the server: <c>immediate</c> is a crash (recovery from the WAL at start), <c>fast</c> a clean stop.</summary>
    public void Restart(bool crash) => Control($"restart -m {(crash ? "immediate" : "fast")}");

    /// <summary>Opens a connection from the harness, retrying while the server starts.</summary>
    public NpgsqlDataSource DataSource() => NpgsqlDataSource.Create(ConnectionString("127.0.0.1"));

    public void Dispose()
    {
        try
        {
            Control("stop -m immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(Folder, recursive: true);
    }

    // Servers of a run that was killed before it could stop them (a test host killed by the hang timeout, say).
    private static void StopLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "streamorleans-chaos-pg-*"))
        {
            // Folders are named after the process that made them: leave those of a run still going.
            if (Path.GetFileName(folder).Split('-') is [_, _, _, var pid, ..] && int.TryParse(pid, out var owner) && Directory.Exists($"/proc/{owner}"))
            {
                continue;
            }

            var data = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    AsPostgres($"{Bin}/pg_ctl -D {data} -w -t 30 stop -m immediate");
                }
                catch (InvalidOperationException)
                {
                    // Not running any more.
                }
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private void Control(string action) => AsPostgres($"{Bin}/pg_ctl -D {_data} -l {Path.Combine(Folder, "server.log")} -w -t 60 {action}");

    private static void AsPostgres(string command) => ChaosNetwork.Run("runuser", $"-u postgres -- {command}");
}
