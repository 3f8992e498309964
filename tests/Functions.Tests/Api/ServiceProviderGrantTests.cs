using System.Security.Claims;
using Referrals.Domain.Common;
using Referrals.Functions.Auth;

namespace Referrals.Functions.Tests.Api;

/// <summary>The ServiceProvider role is granted like the others, per unit: as an Entra ID app role value
/// (<c>roles</c>), through a mapped security group, and in development tokens; never as another role's unit.</summary>
public sealed class ServiceProviderGrantTests
{
    private const string ProviderUnit = "vantaa-purchased-coaching";

    [Fact]
    public void An_app_role_value_and_a_mapped_group_grant_the_provider_role_in_its_unit()
    {
        var options = new AuthOptions { RoleClaim = "roles" };
        options.GroupGrants["0f1e2d3c-group"] = [$"ServiceProvider:{ProviderUnit}"];
        var fromRole = Caller.From(Principal(("sub", "p-1"), ("roles", $"ServiceProvider:{ProviderUnit}")), options)!;
        var fromGroup = Caller.From(Principal(("sub", "p-2"), ("groups", "0f1e2d3c-group")), options)!;
        foreach (var caller in new[] { fromRole, fromGroup })
        {
            Assert.True(caller.Holds(Role.ServiceProvider, ProviderUnit));
            Assert.False(caller.Holds(Role.ReferringWorker, ProviderUnit));
            Assert.Equal([ProviderUnit], caller.UnitsFor(Role.ServiceProvider));
        }
    }

    [Fact]
    public void The_mint_token_command_mints_a_provider_token()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = DevelopmentTokens.RunCli(["mint-token", "--role", "ServiceProvider", "--unit", ProviderUnit, "--user", "p-1"], output, error, "Development");
        Assert.True(code == 0, error.ToString());
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(output.ToString().Trim());
        Assert.Contains(token.Claims, c => c.Type == "role" && c.Value == $"ServiceProvider:{ProviderUnit}");
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));
}
