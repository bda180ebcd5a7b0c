using Microsoft.Extensions.Options;
using StreamOrleans.Api.Configuration;
using StreamOrleans.Api.Security;

namespace StreamOrleans.Tests.Api.Security;

public class ApiKeyVerifierTests
{
    private static ApiKeyVerifier With(string? key) => new(Options.Create(new ApiOptions { ApiKey = key }));

    [Theory]
    [InlineData("s3cret-k\u00e9y", true)]
    [InlineData("s3cret-k\u00e9Y", false)]
    [InlineData("s3cret-ke\u0301y", false)]        // the same text in another Unicode normalization is another key
    [InlineData("s3cret-k\u00e9y ", false)]
    [InlineData("s3cret", false)]                   // a prefix: lengths differ, compared in constant time over SHA-256 digests
    [InlineData("", false)]
    public void The_key_matches_only_itself_byte_for_byte(string given, bool matches)
    {
        Assert.Equal(matches, With("s3cret-k\u00e9y").Matches(given));
    }

    [Fact]
    public void Without_a_configured_key_nothing_is_required()
    {
        var verifier = With(null);

        Assert.False(verifier.IsRequired);
        Assert.True(verifier.Matches("anything"));
        Assert.Null(verifier.DashboardToken());
    }

    [Fact]
    public void The_dashboard_token_opens_the_dashboard_and_is_not_the_key()
    {
        var verifier = With("s3cret");
        var token = verifier.DashboardToken()!;

        Assert.NotEqual("s3cret", token);
        Assert.True(verifier.MatchesDashboardToken(token));
        Assert.False(verifier.MatchesDashboardToken("s3cret"));
        Assert.False(verifier.Matches(token));
    }
}
