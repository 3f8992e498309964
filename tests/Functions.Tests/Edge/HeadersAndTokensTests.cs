using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Referrals.Domain.Common;
using Referrals.Domain.Tests.Support;
using Referrals.Domain.Referrals;
using Referrals.Functions.Documents;
using Referrals.Functions.Auth;
using Referrals.Functions.Tests.Api;

namespace Referrals.Functions.Tests.Edge;

/// <summary>Every answer says nosniff and, where it may carry client data, no-store; bearer tokens are
/// refused without saying why, with a minute's skew, and when they live longer than Auth:MaxTokenLifetime.</summary>
public sealed class HeadersAndTokensTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/api/referrals/r-hdr")]
    [InlineData("/api/referrals/r-hdr/timeline")]
    [InlineData("/api/referrals/r-hdr/attachments")]
    [InlineData("/api/referrals/r-hdr/attachments/a-1")]
    [InlineData("/api/referrals/r-hdr/decision")]
    [InlineData("/api/referrals?unit=vantaa-adult-social-work")]
    [InlineData("/api/referrals/r-unknown")]
    public async Task Client_data_is_never_cached_or_sniffed(string path)
    {
        var id = factory.Given(History.AwaitingSignature);
        factory.Documents.Attachments[$"{id}/a-1"] = (new("a-1", "x.pdf", "application/pdf", 3, "00", TestTime.Now) { Scan = AttachmentScan.Clean }, "%PD"u8.ToArray());
        path = path.Replace("r-hdr", id, StringComparison.Ordinal);
        var response = await factory.ClientAs(Role.Auditor, Actors.Unit).GetAsync(path);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    [Theory]
    [InlineData("/api/health/live")]
    [InlineData("/api/openapi/v1.json")]
    [InlineData("/api/nothing-here")]
    public async Task Nosniff_is_on_every_answer(string path)
    {
        var response = await factory.ClientWith(null).GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private string Token(DateTime issuedAt, DateTime expires, DateTime? notBefore = null)
    {
        var options = factory.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = issuedAt,
            NotBefore = notBefore ?? issuedAt,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = "t1", [options.RoleClaim] = new[] { $"Auditor:{Actors.Unit}" } },
            SigningCredentials = new SigningCredentials(DevelopmentTokens.KeyOf(options), SecurityAlgorithms.HmacSha256),
        });
    }

    [Fact]
    public async Task Tokens_past_the_maximum_lifetime_or_the_skew_are_refused_without_a_reason()
    {
        var id = factory.Given(History.AwaitingReview);
        var now = DateTime.UtcNow;
        var max = factory.Services.GetRequiredService<IOptions<AuthOptions>>().Value.MaxTokenLifetime;
        async Task<HttpResponseMessage> Get(string token)
        {
            var client = factory.ClientWith(token);
            return await client.GetAsync($"/api/referrals/{id}");
        }

        Assert.Equal(HttpStatusCode.OK, (await Get(Token(now, now.AddHours(1)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(Token(now.AddMinutes(-5), now.AddSeconds(-30)))).StatusCode); // within the minute's skew
        var refused = new Dictionary<string, string>
        {
            ["expired two minutes ago (past the 1 min skew)"] = Token(now.AddHours(-1), now.AddMinutes(-2)),
            ["valid from in two minutes"] = Token(now, now.AddHours(1), notBefore: now.AddMinutes(2)),
            ["exp - iat over the maximum"] = Token(now - max, now.AddMinutes(30)),
            ["exp - now over the maximum"] = Token(now, now + max + TimeSpan.FromMinutes(5)),
        };
        foreach (var (why, token) in refused)
        {
            var response = await Get(token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode}");
            var challenge = Assert.Single(response.Headers.WwwAuthenticate);
            Assert.Equal("Bearer", challenge.Scheme);
            Assert.Null(challenge.Parameter); // no error / error_description
        }
    }

    [Fact]
    public void Mint_token_refuses_a_lifetime_the_api_would_refuse()
    {
        var error = new StringWriter();
        Assert.NotEqual(0, DevelopmentTokens.RunCli(["mint-token", "--role", "Auditor", "--unit", "u", "--user", "x", "--hours", "48"],
            new StringWriter(), error, "Development"));
        Assert.Contains("MaxTokenLifetime", error.ToString(), StringComparison.Ordinal);
    }
}
