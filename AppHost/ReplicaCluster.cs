using System.Globalization;

namespace StreamOrleans.AppHost;

/// <summary>
/// How the AppHost's API processes form one Orleans cluster. One process uses localhost clustering. Several use
/// PostgreSQL clustering when grain state is in PostgreSQL (the membership table sits beside it, any replica may stop),
/// and otherwise Development clustering: replica 1 is the primary silo holding the membership table in memory, so it
/// starts first and stops last. Each replica listens on its own silo and gateway ports (--silo-port + i,
/// --gateway-port + i). Embedded providers are shared, not copied: every replica opens the same SQLite files of the data
/// folder (WAL mode; several processes of one machine may write them), so the replicas must run on this machine.
/// </summary>
internal static class ReplicaCluster
{
    /// <summary>The Orleans clustering the replicas use: Localhost, Postgres or Development.</summary>
    public static string Clustering(AppHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Replicas == 1)
        {
            return "Localhost";
        }

        return settings.ApiEnvironment.GetValueOrDefault("Silo__StateProvider") == "Postgres" ? "Postgres" : "Development";
    }

    /// <summary>The configuration keys (as environment variables) of replica <paramref name="index"/> (0-based).</summary>
    public static IReadOnlyDictionary<string, string> Environment(AppHostSettings settings, int index)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Cluster__Clustering"] = Clustering(settings),
            ["Cluster__SiloPort"] = (settings.SiloPort + index).ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = (settings.GatewayPort + index).ToString(CultureInfo.InvariantCulture),
        };
        if (Clustering(settings) == "Development")
        {
            environment["Cluster__PrimarySiloPort"] = settings.SiloPort.ToString(CultureInfo.InvariantCulture);
        }

        return environment;
    }

    /// <summary>One line saying how the replicas cluster and what they share.</summary>
    public static string Describe(AppHostSettings settings, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var shared = new List<string>();
        if (settings.ApiEnvironment.GetValueOrDefault("Silo__LogProvider", "Sqlite") == "Sqlite")
        {
            shared.Add("the SQLite log");
        }

        if (settings.ApiEnvironment.GetValueOrDefault("Silo__StateProvider", "Sqlite") == "Sqlite")
        {
            shared.Add("the SQLite grain state");
        }

        var files = shared.Count == 0 ? "" : $"; they share {string.Join(" and ", shared)} in {dataDirectory} (this machine only)";
        return Clustering(settings) switch
        {
            "Localhost" => $"one silo (localhost clustering, silo port {settings.SiloPort})",
            "Postgres" => $"{settings.Replicas} replicas form one Orleans cluster through PostgreSQL clustering (any of them may stop){files}",
            _ => $"{settings.Replicas} replicas form one Orleans cluster through Development clustering: replica 1 (silo port {settings.SiloPort}) is the " +
                 $"primary that holds the membership, so it starts first and stops last; use --state-provider Postgres for a cluster that survives its loss{files}",
        };
    }
}
