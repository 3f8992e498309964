using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>/api/health against the real Azurite and maildev, and with SMTP unreachable.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class HealthTests(DevServices devServices)
{
    [Fact]
    public async Task Storage_and_smtp_reachable_is_healthy()
    {
        using var host = new LoopbackHost(devServices);
        var response = await host.Client().GetAsync("/api/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("reachable", body.GetProperty("checks").GetProperty("storage").GetString());
        Assert.Equal("reachable", body.GetProperty("checks").GetProperty("smtp").GetString());
    }

    [Fact]
    public async Task An_unreachable_smtp_relay_is_503_and_says_which()
    {
        using var host = new LoopbackHost(devServices, new Dictionary<string, string>
        {
            ["Mail:Port"] = DevServices.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var response = await host.Client().GetAsync("/api/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unreachable", body.GetProperty("checks").GetProperty("smtp").GetString());
        Assert.Equal("reachable", body.GetProperty("checks").GetProperty("storage").GetString());

        // Liveness touches nothing: the process is alive though a dependency is not.
        var live = await host.Client().GetAsync("/api/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("alive", (await live.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }
}
