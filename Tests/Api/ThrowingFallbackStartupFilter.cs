using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace StreamOrleans.Tests.Api;

/// <summary>Makes every request no route matched throw, to exercise the unhandled-exception answer.</summary>
public sealed class ThrowingFallbackStartupFilter : IStartupFilter
{
    public const string Secret = "secret-internal-detail";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Run(_ => throw new InvalidOperationException(Secret));
    };
}
