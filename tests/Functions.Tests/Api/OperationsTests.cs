using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moq;
using Referrals.Domain.Common;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Tests.Api;

/// <summary>Operators see parked mail and nothing of the clients; nobody else sees parked mail.</summary>
public sealed class OperationsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_operator_sees_parked_mail_but_no_referral()
    {
        factory.ParkedMail.Setup(p => p.ListAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync([new ParkedMessage("r-9", "out-0000000004", "SigningRequested", 6, "SMTP 550", TestTime.Now)]);
        factory.Given("r-9", History.AwaitingSignature);
        var operatorClient = factory.ClientAs(Role.Operator, Actors.Unit);

        var parked = await operatorClient.GetFromJsonAsync<JsonElement>("/api/operations/parked-mail");
        var row = Assert.Single(parked.EnumerateArray().ToList());
        Assert.Equal("SigningRequested", row.GetProperty("kind").GetString());
        Assert.Equal(6, row.GetProperty("attempts").GetInt32());

        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("/api/referrals/r-9")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync($"/api/referrals?unit={Actors.Unit}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientAs(Role.Auditor, Actors.Unit).GetAsync("/api/operations/parked-mail")).StatusCode);
        Assert.DoesNotContain(factory.AccessLog.Records, r => r.Role == "Operator");
    }
}
