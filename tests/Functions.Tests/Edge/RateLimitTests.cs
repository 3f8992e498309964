using System.Net;
using System.Text.Json;
using Referrals.Domain.Common;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Tests.Api;

namespace Referrals.Functions.Tests.Edge;

/// <summary>The edge's limits from configuration: per user on the API (one user's burst does not stop
/// another), per IP on /signing and on anonymous routes; past a limit a 429 problem with Retry-After.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly ApiFactory factory = new()
    {
        Settings = new()
        {
            ["RateLimits:ApiPerUser:PermitLimit"] = "3",
            ["RateLimits:ApiPerUser:Window"] = "00:01:00",
            ["RateLimits:SigningPerIp:PermitLimit"] = "2",
            ["RateLimits:AnonymousPerIp:PermitLimit"] = "4",
        },
    };

    public void Dispose() => factory.Dispose();

    private static async Task AssertLimited(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.EndsWith("/too-many-requests", problem.GetProperty("type").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_api_is_limited_per_user()
    {
        var id = factory.Given(History.AwaitingReview);
        var first = factory.ClientWith(factory.Token("rl-1", Role.Auditor, Actors.Unit));
        var second = factory.ClientWith(factory.Token("rl-2", Role.Auditor, Actors.Unit));
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/api/referrals/{id}")).StatusCode);
        await AssertLimited(await first.GetAsync($"/api/referrals/{id}"));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/api/referrals/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_signing_page_is_limited_per_ip_on_its_own_budget()
    {
        var anonymous = factory.ClientWith(null);
        for (var i = 0; i < 2; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/signing/" + new string('x', 43))).StatusCode);
        await AssertLimited(await anonymous.GetAsync("/signing/" + new string('y', 43)));
        // The anonymous budget is another one.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health/live")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_routes_and_requests_without_a_valid_token_are_limited_per_ip()
    {
        var anonymous = factory.ClientWith(null);
        var forged = factory.ClientWith("not-a-token");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/referrals/r-x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/referrals/r-x")).StatusCode);
        await AssertLimited(await anonymous.GetAsync("/api/health/live"));
        await AssertLimited(await forged.GetAsync("/api/referrals/r-x"));
    }

    [Theory]
    [InlineData("RateLimits:ApiPerUser:PermitLimit", "0")]
    [InlineData("RateLimits:SigningPerIp:Window", "00:00:00")]
    public void Limits_outside_their_range_stop_the_host_at_start(string key, string value)
    {
        using var invalid = new ApiFactory { Settings = new() { [key] = value } };
        var error = Assert.ThrowsAny<Exception>(() => invalid.CreateClient());
        Assert.Contains("RateLimits", error.ToString(), StringComparison.Ordinal);
    }
}
