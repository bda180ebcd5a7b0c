using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>
/// The API host the fuzzer drives: <see cref="ApiFactory"/> (API key set, small limits) on its own data directory, so
/// the appends, rewinds and enrolments the fuzzer makes touch no other test's host; frames limited to 128 KiB so that
/// oversized images are cheap; the exceptions behind 500s kept in <see cref="ServerErrors"/> (and not printed).
/// </summary>
public sealed class FuzzHost : ApiFactory
{
    public const int MaxFrameBytes = 128 * 1024;

    public FuzzHost()
        : this(new ServerErrorLog())
    {
    }

    private FuzzHost(ServerErrorLog errors)
        : base(
            new Dictionary<string, string?>
            {
                ["Cameras:MaxFrameBytes"] = $"{MaxFrameBytes}",
                ["Logging:LogLevel:Default"] = "Error",
                ["Logging:Console:LogLevel:Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware"] = "None",
            },
            services => services.AddSingleton<ILoggerProvider>(errors))
    {
        ServerErrors = errors;
    }

    /// <summary>The exceptions behind the host's 500s.</summary>
    public ServerErrorLog ServerErrors { get; }
}
