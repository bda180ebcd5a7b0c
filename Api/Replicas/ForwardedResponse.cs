namespace StreamOrleans.Api.Replicas;

/// <summary>The owner replica's answer, passed on unchanged (status, content type, body).</summary>
internal sealed class ForwardedResponse(int statusCode, string? contentType, byte[] body) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
