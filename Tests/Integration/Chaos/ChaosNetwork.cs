using System.Diagnostics;
using System.Globalization;

namespace StreamOrleans.Tests.Integration.Chaos;

/// <summary>
/// A private network on this machine for the chaos harness (Linux network namespaces, needs root, `ip` and `nft`):
/// a bridge with address 10.213.N.1 in the root namespace, and one namespace per replica joined to it by a veth pair
/// (replica i at 10.213.N.(10+i)). Traffic never leaves the machine. A partition drops packets between two
/// namespaces silently (nftables rules in both), as a broken switch would: connections hang, nothing is refused.
/// Replicas still reach PostgreSQL (on the bridge address) and the harness reaches every replica's API.
/// </summary>
internal sealed class ChaosNetwork : IDisposable
{
    private const string Prefix = "soc";
    private readonly int _replicas;
    private readonly HashSet<(int, int)> _cut = [];

    private ChaosNetwork(int subnet, int replicas)
    {
        Subnet = subnet;
        _replicas = replicas;
    }

    /// <summary>The third octet of 10.213.x.0/24 (one per run, so a run's leftovers never collide with the next).</summary>
    public int Subnet { get; }

    /// <summary>The root namespace's address on the bridge (where PostgreSQL listens for the replicas).</summary>
    public string HostAddress => $"10.213.{Subnet}.1";

    /// <summary>Replica <paramref name="index"/>'s address.</summary>
    public string AddressOf(int index) => $"10.213.{Subnet}.{10 + index}";

    /// <summary>Replica <paramref name="index"/>'s namespace.</summary>
    public string NamespaceOf(int index) => $"{Prefix}{Subnet}n{index}";

    /// <summary>The pairs currently partitioned.</summary>
    public IReadOnlyCollection<(int, int)> Cuts => _cut;

    /// <summary>Says why the harness cannot run here, or null when it can.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }

        if (Environment.UserName != "root")
        {
            return "network namespaces need root (run the chaos harness as root, as CI does)";
        }

        foreach (var tool in new[] { "ip", "nft" })
        {
            if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool))))
            {
                return $"'{tool}' is not installed (scripts/setup/60-chaos.sh installs iproute2 and nftables)";
            }
        }

        return null;
    }

    /// <summary>Creates the bridge and one namespace per replica; removes any left by an earlier run first.</summary>
    public static ChaosNetwork Create(int replicas)
    {
        RemoveLeftovers();
        var subnet = 100 + (Environment.ProcessId % 150);
        var network = new ChaosNetwork(subnet, replicas);
        File.WriteAllText(OwnerFile(subnet), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var bridge = $"{Prefix}{subnet}br";
        Run("ip", $"link add {bridge} type bridge");
        Run("ip", $"addr add {network.HostAddress}/24 dev {bridge}");
        Run("ip", $"link set {bridge} up");
        for (var i = 0; i < replicas; i++)
        {
            var ns = network.NamespaceOf(i);
            var host = $"{Prefix}{subnet}h{i}";
            var peer = $"{Prefix}{subnet}p{i}";
            Run("ip", $"netns add {ns}");
            Run("ip", $"link add {host} type veth peer name {peer}");
            Run("ip", $"link set {peer} netns {ns}");
            Run("ip", $"link set {host} master {bridge}");
            Run("ip", $"link set {host} up");
            Run("ip", $"-n {ns} addr add {network.AddressOf(i)}/24 dev {peer}");
            Run("ip", $"-n {ns} link set {peer} up");
            Run("ip", $"-n {ns} link set lo up");
            // The table that partitions fill; empty (everything passes) until one is cut.
            Run("ip", $"netns exec {ns} nft add table inet chaos");
            Run("ip", $"netns exec {ns} nft add chain inet chaos out {{ type filter hook output priority 0 ; }}");
            Run("ip", $"netns exec {ns} nft add chain inet chaos in {{ type filter hook input priority 0 ; }}");
        }

        return network;
    }

    /// <summary>Drops every packet between replicas <paramref name="a"/> and <paramref name="b"/>, both ways.</summary>
    public void Cut(int a, int b)
    {
        if (a == b || !_cut.Add((Math.Min(a, b), Math.Max(a, b))))
        {
            return;
        }

        foreach (var (self, other) in new[] { (a, b), (b, a) })
        {
            Run("ip", $"netns exec {NamespaceOf(self)} nft add rule inet chaos out ip daddr {AddressOf(other)} drop");
            Run("ip", $"netns exec {NamespaceOf(self)} nft add rule inet chaos in ip saddr {AddressOf(other)} drop");
        }
    }

    /// <summary>Restores the link between replicas <paramref name="a"/> and <paramref name="b"/> (other cuts stay).</summary>
    public void Heal(int a, int b)
    {
        if (!_cut.Remove((Math.Min(a, b), Math.Max(a, b))))
        {
            return;
        }

        var remaining = _cut.ToList();
        HealAll();
        foreach (var (x, y) in remaining)
        {
            Cut(x, y);
        }
    }

    /// <summary>Whether replicas <paramref name="a"/> and <paramref name="b"/> are cut from each other.</summary>
    public bool IsCut(int a, int b) => _cut.Contains((Math.Min(a, b), Math.Max(a, b)));

    /// <summary>Restores every link.</summary>
    public void HealAll()
    {
        for (var i = 0; i < _replicas; i++)
        {
            Run("ip", $"netns exec {NamespaceOf(i)} nft flush chain inet chaos out");
            Run("ip", $"netns exec {NamespaceOf(i)} nft flush chain inet chaos in");
        }

        _cut.Clear();
    }

    public void Dispose()
    {
        for (var i = 0; i < _replicas; i++)
        {
            Run("ip", $"netns del {NamespaceOf(i)}", check: false);
        }

        Run("ip", $"link del {Prefix}{Subnet}br", check: false);
        File.Delete(OwnerFile(Subnet));
    }

    // Which process made subnet N's namespaces, so a run never removes those of another run still going.
    private static string OwnerFile(int subnet) => Path.Combine(Path.GetTempPath(), $"streamorleans-chaos-net-{subnet.ToString(CultureInfo.InvariantCulture)}");

    private static bool OwnedByLiveRun(string name)
    {
        var digits = new string([.. name.Skip(Prefix.Length).TakeWhile(char.IsAsciiDigit)]);
        return int.TryParse(digits, CultureInfo.InvariantCulture, out var subnet)
            && File.Exists(OwnerFile(subnet))
            && int.TryParse(File.ReadAllText(OwnerFile(subnet)), CultureInfo.InvariantCulture, out var owner)
            && owner != Environment.ProcessId
            && Directory.Exists($"/proc/{owner.ToString(CultureInfo.InvariantCulture)}");
    }

    // Namespaces and bridges of a run that was killed before it could clean up.
    private static void RemoveLeftovers()
    {
        foreach (var line in Run("ip", "netns list", check: false).Split('\n'))
        {
            var name = line.Split(' ')[0];
            if (name.StartsWith(Prefix, StringComparison.Ordinal) && name.Contains('n', StringComparison.Ordinal) && !OwnedByLiveRun(name))
            {
                Run("ip", $"netns del {name}", check: false);
            }
        }

        foreach (var line in Run("ip", "-o link show type bridge", check: false).Split('\n'))
        {
            var parts = line.Split(':', 3);
            if (parts.Length > 1 && parts[1].Trim() is var name && name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith("br", StringComparison.Ordinal) && !OwnedByLiveRun(name))
            {
                Run("ip", $"link del {name}", check: false);
            }
        }
    }

    internal static string Run(string program, string arguments, bool check = true)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{program} {arguments}` failed ({process.ExitCode.ToString(CultureInfo.InvariantCulture)}): {error.Trim()}");
        }

        return output.Result;
    }
}
