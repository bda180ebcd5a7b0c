using Microsoft.Extensions.Hosting;

namespace StreamOrleans.Silo;

/// <summary>
/// A silo on its own (no HTTP API): consumes the configured streams with the registered grains.
/// The Api project co-hosts the same silo by default; see README.md.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        if (string.Equals(builder.Configuration["Silo:Engine"], "Orleans", StringComparison.OrdinalIgnoreCase))
        {
            // Microsoft Orleans with our log stream provider; the grains move onto it one by one (see README).
            OrleansHost.OrleansSiloHostBuilderExtensions.AddOrleansSilo(builder);
        }
        else
        {
            builder.AddStreamOrleansSilo();
        }

        await builder.Build().RunAsync();
    }
}
