using Microsoft.Extensions.Hosting;

namespace StreamOrleans.Silo;

/// <summary>
/// A silo on its own (no HTTP API): a worker-only node that consumes streams with the grains. The Api project
/// co-hosts the same silo by default; see README.md.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddServiceDefaults();
        builder.AddStreamOrleansSilo();
        await builder.Build().RunAsync();
    }
}
