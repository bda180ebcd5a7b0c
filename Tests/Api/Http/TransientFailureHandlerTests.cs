using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using StreamOrleans.Api.Http;

namespace StreamOrleans.Tests.Api.Http;

public sealed class TransientFailureHandlerTests
{
    public static TheoryData<Exception> Transient() => new()
    {
        new SiloUnavailableException("silo S127.0.0.1:11111 is dead"),
        new TimeoutException("Response did not arrive on time in 00:00:30"),
        new OperationCanceledException("Message expired before placement could complete for grain user/cu12."),
        new InconsistentStateException("etag mismatch"),
        new NpgsqlException("Exception while connecting", new System.Net.Sockets.SocketException(111)),
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        new OrleansException("wrapped", new SiloUnavailableException()),
        new AggregateException(new InvalidOperationException("first"), new TimeoutException("second")),
    };

    public static TheoryData<Exception> NotTransient() => new()
    {
        new InvalidOperationException("a bug"),
        new OrleansException("a grain threw"),
        new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"),
        new AggregateException(new InvalidOperationException("first")),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public void A_briefly_unavailable_dependency_is_transient(Exception exception) => Assert.NotNull(TransientFailureHandler.Describe(exception));

    [Theory]
    [MemberData(nameof(NotTransient))]
    public void A_bug_is_not_transient(Exception exception) => Assert.Null(TransientFailureHandler.Describe(exception));

    [Fact]
    public async Task A_transient_failure_answers_503_with_Retry_After_and_a_ProblemDetails_saying_what_failed()
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new TransientFailureHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<TransientFailureHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Path = "/api/counters/c1";
        context.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(context, new SiloUnavailableException("silo dead"), CancellationToken.None));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("silo hosting the grain is unavailable", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_the_client_abandoned_is_left_to_the_default_handler()
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new TransientFailureHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<TransientFailureHandler>.Instance);
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var context = new DefaultHttpContext { RequestServices = services, RequestAborted = aborted.Token };

        Assert.False(await handler.TryHandleAsync(context, new OperationCanceledException(aborted.Token), CancellationToken.None));
    }

    [Fact]
    public async Task A_bug_is_left_to_the_default_handler()
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new TransientFailureHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<TransientFailureHandler>.Instance);
        Assert.False(await handler.TryHandleAsync(new DefaultHttpContext { RequestServices = services }, new InvalidOperationException("bug"), CancellationToken.None));
    }
}
