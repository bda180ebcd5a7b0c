using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace StreamOrleans.Tests.Api.Telemetry;

/// <summary>A middleware (added as a startup filter) that signals each completed GET /metrics.</summary>
public sealed class ScrapeSignal : IStartupFilter
{
    private readonly Channel<int> _scrapes = Channel.CreateUnbounded<int>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext context, RequestDelegate inner) =>
        {
            await inner(context);
            if (context.Request.Path == "/metrics")
            {
                _scrapes.Writer.TryWrite(0);
            }
        });
        next(app);
    };

    public async Task NextAsync(CancellationToken cancellationToken) => await _scrapes.Reader.ReadAsync(cancellationToken);
}
