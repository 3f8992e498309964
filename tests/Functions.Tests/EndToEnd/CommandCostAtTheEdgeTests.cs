using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Functions.Edge;
using Referrals.Functions.Referrals;
using Referrals.Functions.Review;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>The edge adds no storage request of its own: a command through the HTTP handler (role,
/// unit check against the referral, body, idempotency) still costs one point read and one transaction,
/// and a caller from another unit costs the one read, writes nothing and gets 404.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class CommandCostAtTheEdgeTests(DevServices devServices) : IDisposable
{
    private const string Unit = "vantaa-adult-social-work";
    private const string ReviewBody = "vantaa-steering-group";
    private readonly LoopbackHost host = new(devServices);

    public void Dispose() => host.Dispose();

    private DefaultHttpContext Request(IServiceScope scope, Role role, string unit, object body)
    {
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "member-1"), new Claim("role", $"{role}:{unit}")], authenticationType: "test"));
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body)));
        context.Response.Body = new MemoryStream();
        return context;
    }

    [Fact]
    public async Task A_review_through_the_handler_is_one_read_and_one_transaction()
    {
        var worker = host.Client(host.Token("worker-1", Role.ReferringWorker, Unit));
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var created = await worker.PostAsync("/api/referrals", new StringContent(JsonSerializer.Serialize(new
        {
            unit = Unit, profileId = ReviewBody, personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi", address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode = "sr-everyday-coaching",
            assessmentSummary = "Arvio.", goals = new[] { "Päivärytmi" }, requestedStart = today.AddDays(30),
        }), Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var counter = host.Counter;
        var review = new { outcome = "Approve", reasons = "Tarve on selvä." };

        using (var scope = host.Services.CreateScope())
        {
            var outsider = Request(scope, Role.ReviewBodyMember, "another-review-body", review);
            using var measured = counter.Measure();
            var result = await ReviewHandlers.Review(outsider, id, new CommandHeaders("edge-outsider", null), CancellationToken.None);
            await result.ExecuteAsync(outsider);
            measured.Dispose();
            Assert.Equal(404, outsider.Response.StatusCode);
            // The snapshot, and the key's row: a caller whose own first attempt took the referral out of their
            // reach gets that first answer on a retry; this outsider has none, so the answer stays 404.
            Assert.Equal(2, measured.Counts.GetValueOrDefault("GET Referrals point-read"));
            Assert.Equal(0, measured.Counts.GetValueOrDefault("POST $batch"));
        }

        using (var scope = host.Services.CreateScope())
        {
            var member = Request(scope, Role.ReviewBodyMember, ReviewBody, review);
            using var measured = counter.Measure();
            var result = await ReviewHandlers.Review(member, id, new CommandHeaders("edge-review", null), CancellationToken.None);
            await result.ExecuteAsync(member);
            measured.Dispose();
            Assert.Equal(200, member.Response.StatusCode);
            Assert.Equal(1, measured.Counts.GetValueOrDefault("GET Referrals point-read"));
            Assert.Equal(1, measured.Counts.GetValueOrDefault("POST $batch"));
            // ... and one request to wake the referral's clock: "referral changed" is one queue message.
            Assert.Equal(1, measured.Counts.GetValueOrDefault("engine queue POST control messages"));
            Assert.Equal(3, measured.Total);
        }
    }
}
