namespace StreamOrleans.AppHost;

/// <summary>What the AppHost was asked to run.</summary>
internal sealed record AppHostSettings(int Port, int Rate, int Keys, bool Demo, string DataDirectory, string Configuration)
{
    /// <summary>Environment of the Api process: provider configuration keys (see <see cref="ProviderSettings"/>).</summary>
    public IReadOnlyDictionary<string, string> ApiEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>How many API + silo processes to run (on ports Port, Port+1, ...); demo data goes to the first.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Silo-to-silo port of replica 1 (replica i listens on SiloPort + i - 1); with Development clustering the primary's.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Client gateway port of replica 1 (replica i listens on GatewayPort + i - 1).</summary>
    public int GatewayPort { get; init; } = 30000;
}
