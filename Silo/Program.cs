using Microsoft.Extensions.Hosting;
using StreamOrleans.Silo;

// A silo on its own (no HTTP API): consumes the configured streams with the registered grains.
// The Api project co-hosts the same silo by default; see README.md.
var builder = Host.CreateApplicationBuilder(args);
builder.AddStreamOrleansSilo();
await builder.Build().RunAsync();
