using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moq;
using Referrals.Domain.Common;

namespace Referrals.Functions.Tests.Api;

/// <summary>An operator puts a referral's parked mail back in its outbox, and the access log says who did.</summary>
public sealed class ParkedMailRequeueTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_operator_requeues_parked_mail_and_the_access_log_names_the_operator()
    {
        factory.ParkedMail.Setup(p => p.RequeueAsync("r-7", null, It.IsAny<CancellationToken>())).ReturnsAsync(["out-0000000003-001", "out-0000000003-002"]);
        factory.ParkedMail.Setup(p => p.RequeueAsync("r-7", "out-0000000003-002", It.IsAny<CancellationToken>())).ReturnsAsync(["out-0000000003-002"]);
        var operatorClient = factory.ClientAs(Role.Operator, "unit-a");

        var all = await operatorClient.PostAsync("/api/operations/parked-mail/r-7/requeue", null);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var body = await all.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("r-7", body.GetProperty("referralId").GetString());
        Assert.Equal(2, body.GetProperty("requeued").GetArrayLength());

        var one = await operatorClient.PostAsync("/api/operations/parked-mail/r-7/requeue?row=out-0000000003-002", null);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        factory.ParkedMail.Verify(p => p.RequeueAsync("r-7", "out-0000000003-002", It.IsAny<CancellationToken>()), Times.Once);

        var audited = factory.AccessLog.Records.Where(r => r.ReferralId == "r-7").ToList();
        Assert.Equal(2, audited.Count);
        Assert.All(audited, r =>
        {
            Assert.Equal("Operator", r.Role);
            Assert.Equal("u-Operator", r.UserId);
            Assert.Equal("POST /api/operations/parked-mail/{referralId}/requeue", r.Route);
        });
    }

    [Fact]
    public async Task Nothing_parked_is_404_and_only_operators_may_requeue()
    {
        factory.ParkedMail.Setup(p => p.RequeueAsync("r-8", It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ClientAs(Role.Operator, "unit-a").PostAsync("/api/operations/parked-mail/r-8/requeue", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ClientAs(Role.Operator, "unit-a").PostAsync("/api/operations/parked-mail/r-8/requeue?row=..%2Fx", null)).StatusCode);
        foreach (var role in new[] { Role.Auditor, Role.ReferringWorker, Role.Signer, Role.ReviewBodyMember })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientAs(role, "unit-a").PostAsync("/api/operations/parked-mail/r-8/requeue", null)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsync("/api/operations/parked-mail/r-8/requeue", null)).StatusCode);
        factory.ParkedMail.Verify(p => p.RequeueAsync("r-8", It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
