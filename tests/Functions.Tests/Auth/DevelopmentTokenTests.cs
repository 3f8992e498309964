using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Referrals.Domain.Common;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Auth;
using Referrals.Functions.Tests.Api;

namespace Referrals.Functions.Tests.Auth;

/// <summary>The documented mint-token command gives a token the host accepts; the local key is refused
/// in Production.</summary>
public sealed class DevelopmentTokenTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_minted_token_carries_role_and_units_and_is_accepted()
    {
        var output = new StringWriter();
        var exit = DevelopmentTokens.RunCli(
            ["mint-token", "--role", "Auditor", "--unit", Actors.Unit, "--unit", Actors.OtherUnit, "--user", "a1"], output, new StringWriter(), "Development");
        Assert.Equal(0, exit);
        var token = output.ToString().Trim();
        var inA = factory.Given(History.AwaitingReview);
        var inB = factory.Given(History.AwaitingReview.Elsewhere());
        var client = factory.ClientWith(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/referrals/{inA}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/referrals/{inB}")).StatusCode);
        Assert.Contains(factory.AccessLog.Records, r => r.UserId == "a1" && r.Role == "Auditor" && r.ReferralId == inB);
    }

    [Fact]
    public async Task Grants_name_a_role_with_its_unit()
    {
        var output = new StringWriter();
        var exit = DevelopmentTokens.RunCli(
            ["mint-token", "--grant", $"ReferringWorker:{Actors.Unit}", "--grant", $"Auditor:{Actors.OtherUnit}", "--user", "g1"], output, new StringWriter(), "Development");
        Assert.Equal(0, exit);
        var inB = factory.Given(History.AwaitingReview.Elsewhere());
        var client = factory.ClientWith(output.ToString().Trim());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/referrals/{inB}")).StatusCode);
        Assert.Contains(factory.AccessLog.Records, r => r.UserId == "g1" && r.Role == "Auditor" && r.ReferralId == inB);
        using var command = new StringContent("""{"reason":"Muutti"}""", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/referrals/{inB}/withdrawal", command)).StatusCode);
        Assert.Single(factory.Events(inB));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Test")]
    public void Mint_token_refuses_outside_development(string environment)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(2, DevelopmentTokens.RunCli(["mint-token", "--role", "Auditor", "--unit", "u", "--user", "x"], output, error, environment));
        Assert.Equal("", output.ToString());
        Assert.Contains("Development environment", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_environment_variable_the_environment_is_production()
    {
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "AZURE_FUNCTIONS_ENVIRONMENT" })
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) return; // set by whoever runs the tests
        Assert.Equal("Production", DevelopmentTokens.EnvironmentName());
    }

    [Theory]
    [InlineData("--role", "System", "--unit", "u", "--user", "x")]
    [InlineData("--role", "Nobody", "--unit", "u", "--user", "x")]
    [InlineData("--unit", "u", "--user", "x")]
    [InlineData("--role", "Signer", "--bogus", "u")]
    public void Bad_arguments_print_usage(params string[] arguments)
    {
        var error = new StringWriter();
        Assert.NotEqual(0, DevelopmentTokens.RunCli(["mint-token", .. arguments], new StringWriter(), error));
        Assert.Contains("usage", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void The_local_signing_key_is_refused_outside_development(string environmentName)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Development",
            ["Auth:SigningKey"] = new string('k', 40),
        }).Build();
        var environment = new HostingEnvironment { EnvironmentName = environmentName };
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddReferralsAuth(configuration, environment));
        Assert.Contains("allowed only in the Development environment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_with_the_system_role_gets_no_role()
    {
        var options = new AuthOptions { Mode = "Development", SigningKey = "development-only-key-change-me-0123456789abcdef" };
        var token = DevelopmentTokens.Mint(options, "x", Role.System, [Actors.Unit], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);
        var id = factory.Given(History.AwaitingReview);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/referrals/{id}")).StatusCode);
    }
}
