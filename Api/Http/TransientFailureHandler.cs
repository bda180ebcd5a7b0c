using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using Orleans.Storage;

namespace StreamOrleans.Api.Http;

/// <summary>
/// Answers a request that failed because a dependency is briefly unavailable with 503 Service Unavailable, a
/// <c>Retry-After</c> header and a ProblemDetails naming what failed, instead of a 500: a silo that died or hangs
/// (Orleans rejects, times out or lets the grain call expire), a grain state conflict while a grain moves between
/// silos, the database restarting or unreachable. Clients and load balancers retry a 503 after Retry-After; a 500 means a bug.
/// </summary>
internal sealed class TransientFailureHandler(IProblemDetailsService problems, ILogger<TransientFailureHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying (silos are declared dead in about 2 s).</summary>
    internal const int RetryAfterSeconds = 1;

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A request the client abandoned is not the service's failure: left to ASP.NET Core.
        if (Describe(exception) is not { } what || httpContext.Response.HasStarted
            || (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested))
        {
            return false;
        }

        logger.LogWarning("{Method} {Path}: 503, {What} ({Exception}: {Message})", httpContext.Request.Method, httpContext.Request.Path, what, exception.GetType().Name, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service temporarily unavailable",
                Detail = $"{what}; retry after {RetryAfterSeconds} s.",
            },
        });
    }

    /// <summary>What is briefly unavailable when <paramref name="exception"/> (or one it wraps) is transient; null otherwise.</summary>
    internal static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                return aggregate.InnerExceptions.Select(Describe).FirstOrDefault(d => d is not null);
            }

            var what = e switch
            {
                SiloUnavailableException => "the silo hosting the grain is unavailable",
                OrleansMessageRejectionException => "the cluster rejected the grain call (a silo is joining, leaving or unreachable)",
                TimeoutException => "a grain call timed out (its silo may be overloaded or unreachable)",
                // Orleans: "Message expired before placement could complete" while the grain's silo changes.
                OperationCanceledException => "a grain call expired before the cluster could place or answer it",
                InconsistentStateException => "a grain's state changed under it while the grain moved between silos",
                Persistence.GrainStorageUnavailableException => "the grain state store is unavailable",
                DbException { IsTransient: true } => "the database is unavailable",
                _ => null,
            };
            if (what is not null)
            {
                return what;
            }
        }

        return null;
    }
}
