using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>On Azurite: after its line has moved the referral on, the review body no longer sees the
/// referral, but still sees its own earlier lines (and nothing else of it); another body and a worker do
/// not; the read is access-logged.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ReviewLinesTests(DevServices devServices) : IDisposable
{
    private const string Unit = "vantaa-adult-social-work";
    private const string ReviewBody = "vantaa-steering-group";
    private readonly LoopbackHost host = new(devServices);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task A_review_body_sees_its_own_earlier_lines_after_the_referral_has_moved_on_and_nothing_else()
    {
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var worker = host.Client(host.Token("worker-4", Role.ReferringWorker, Unit));
        var member = host.Client(host.Token("member-4", Role.ReviewBodyMember, ReviewBody));
        var submitted = await worker.PostAsJsonAsync("/api/referrals", new
        {
            profileId = ReviewBody, personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi", address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode = "sr-group-activity",
            assessmentSummary = "Arvio.", goals = new[] { "Ryhmä" }, requestedStart = today.AddDays(20),
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // Before its line the body holds the referral: it has no lines yet to show.
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/referrals/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/referrals/{id}/review-lines")).StatusCode);

        var reviewed = await member.PostAsJsonAsync($"/api/referrals/{id}/review", new { outcome = "Approve", reasons = "Tarve on selvä." });
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/referrals/{id}")).StatusCode);
        var answer = await member.GetAsync($"/api/referrals/{id}/review-lines");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var text = await answer.Content.ReadAsStringAsync();
        var line = Assert.Single(JsonDocument.Parse(text).RootElement.EnumerateArray());
        Assert.Equal(("Approve", "Tarve on selvä.", ReviewBody, "member-4"),
            (line.GetProperty("outcome").GetString(), line.GetProperty("reasons").GetString(),
             line.GetProperty("reviewBody").GetString(), line.GetProperty("by").GetString()));
        Assert.DoesNotContain("client", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Arvio.", text, StringComparison.Ordinal);

        var otherBody = host.Client(host.Token("member-5", Role.ReviewBodyMember, "vantaa-steppi"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherBody.GetAsync($"/api/referrals/{id}/review-lines")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"/api/referrals/{id}/review-lines")).StatusCode);

        var log = await host.AccessRecordsAsync(id);
        Assert.Contains(log, r => r.UserId == "member-4" && r.Route == "GET /api/referrals/{id}/review-lines" && r.Unit == ReviewBody);
    }
}
