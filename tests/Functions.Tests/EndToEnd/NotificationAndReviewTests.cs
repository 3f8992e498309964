using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Referrals;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>Over HTTP on the real command path (Azurite): after a refusal is signed, the case owner records
/// the letter; the view shows the deemed day and the review period; a request for review in time and the
/// review body's outcome are recorded; a second request is a 409 problem; a stranger gets 404.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class NotificationAndReviewTests(DevServices devServices) : IDisposable
{
    private const string Unit = "vantaa-adult-social-work";
    private const string ReviewBody = "vantaa-steering-group";
    private readonly LiveHost host = new(devServices);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task A_signed_refusal_is_notified_by_letter_and_a_request_for_review_in_time_is_recorded_and_decided()
    {
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var worker = host.Client(host.Token("worker-3", Role.ReferringWorker, Unit));
        var id = (await Send(worker, "/api/referrals", new
        {
            profileId = ReviewBody, personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi", address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode = "sr-group-activity",
            assessmentSummary = "Arvio.", goals = new[] { "Ryhmä" }, requestedStart = today.AddDays(20),
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        // The review and the signature as commands (the signing page has tests of its own).
        var commands = host.Services.GetRequiredService<IReferralCommands>();
        await Accepted(commands.ExecuteAsync(id, new ReviewReferral(ReviewOutcome.Refuse, "Muu palvelu sopii paremmin.")
            { By = new Actor("member-3", Role.ReviewBodyMember, ReviewBody) }, null, null));
        await Send(worker, $"/api/referrals/{id}/decision-draft", new
        {
            kind = "Refusing", reasons = "Asiakkaan tarpeeseen vastaa paremmin työkokeilu.", contactPerson = "Maija Meikäläinen", contactDetails = "09 123",
        });
        await Accepted(commands.ExecuteAsync(id, new SignDecision(1) { By = new Actor("leader-3", Role.Signer, Unit) }, null, null));
        var signed = await Get(worker, $"/api/referrals/{id}");
        Assert.Equal("Refused", signed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, signed.GetProperty("decision").GetProperty("notification").ValueKind);
        // Nothing but a reminder to record the sending: the review period has not begun.
        Assert.Equal("NotificationDue", Assert.Single(signed.GetProperty("dueDates").EnumerateArray()).GetProperty("kind").GetString());

        var notified = await Send(worker, $"/api/referrals/{id}/decision-notification", new { method = "Letter", sentOn = today });
        var notification = notified.GetProperty("decision").GetProperty("notification");
        var law = global::Referrals.Domain.Decisions.NotificationLaw.For(global::Referrals.Domain.Decisions.NotificationMethod.Letter, today);
        Assert.Equal(("Letter", today.AddDays(7), law.ReviewPeriodEndsOn),
            (notification.GetProperty("method").GetString(), DateOnly.Parse(notification.GetProperty("deemedOn").GetString()!),
             DateOnly.Parse(notification.GetProperty("reviewPeriodEndsOn").GetString()!)));
        var due = Assert.Single(notified.GetProperty("dueDates").EnumerateArray());
        Assert.Equal("DecisionFinal", due.GetProperty("kind").GetString());

        var again = await Send(worker, $"/api/referrals/{id}/decision-notification", new { method = "Letter", sentOn = today }, HttpStatusCode.Conflict);
        Assert.EndsWith("/notification-already-recorded", again.GetProperty("type").GetString(), StringComparison.Ordinal);

        var requested = await Send(worker, $"/api/referrals/{id}/request-for-review", new { receivedOn = today, requester = "Representative" });
        var request = requested.GetProperty("decision").GetProperty("requestForReview");
        Assert.True(request.GetProperty("inTime").GetBoolean());
        Assert.Empty(requested.GetProperty("dueDates").EnumerateArray()); // not final while the request waits
        await Send(worker, $"/api/referrals/{id}/request-for-review", new { receivedOn = today, requester = "Client" }, HttpStatusCode.Conflict);

        var stranger = host.Client(host.Token("worker-9", Role.ReferringWorker, "espoo-social-rehabilitation"));
        await Send(stranger, $"/api/referrals/{id}/request-for-review/decision", new { outcome = "Annulled", decidedOn = today, reasons = "r" }, HttpStatusCode.NotFound);
        var decided = await Send(worker, $"/api/referrals/{id}/request-for-review/decision", new { outcome = "Upheld", decidedOn = today, reasons = "Päätös pysyy." });
        Assert.Equal("Upheld", decided.GetProperty("decision").GetProperty("requestForReview").GetProperty("outcome").GetString());
        var timeline = await host.Services.GetRequiredService<IReferralReader>().TimelineAsync(id);
        Assert.Equal(["DecisionNotified", "RequestForReviewReceived", "RequestForReviewDecided"],
            timeline.Select(e => e.Event.GetType().Name).Where(n => n.Contains("Notified", StringComparison.Ordinal) || n.Contains("RequestForReview", StringComparison.Ordinal)));
    }

    private static async Task Accepted(Task<CommandResult> command) => Assert.IsType<CommandResult.Accepted>(await command);

    private static async Task<JsonElement> Send(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> Get(HttpClient client, string path) =>
        JsonDocument.Parse(await client.GetStringAsync(path)).RootElement;
}
