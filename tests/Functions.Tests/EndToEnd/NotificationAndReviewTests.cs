using System.Net;
using System.Text.Json;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Tests.Infrastructure;
using static Referrals.Functions.Tests.EndToEnd.LiveApi;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>Over HTTP on the real command path (Azurite): after a refusal is signed, the case owner records
/// the letter; the view shows the deemed day and the review period; a request for review in time and the
/// review body's outcome are recorded; a second request is a 409 problem; a stranger gets 404.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class NotificationAndReviewTests(DevServices devServices) : IDisposable
{
    private readonly LoopbackHost host = new(devServices);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task A_signed_refusal_is_notified_by_letter_and_a_request_for_review_in_time_is_recorded_and_decided()
    {
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var worker = host.Client(host.Token("worker-3", Role.ReferringWorker, Unit));
        var id = (await PostAsync(worker, "/api/referrals", Submission(today.AddDays(20)), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        // The review and the signature as commands (the signing page has tests of its own).
        var commands = host.Commands;
        await Accepted(commands.ExecuteAsync(id, new ReviewReferral(ReviewOutcome.Refuse, "Muu palvelu sopii paremmin.")
            { By = new Actor("member-3", Role.ReviewBodyMember, ReviewBody) }, null, null));
        await PostAsync(worker, $"/api/referrals/{id}/decision-draft", new
        {
            kind = "Refusing", reasons = "Asiakkaan tarpeeseen vastaa paremmin työkokeilu.", contactPerson = "Maija Meikäläinen", contactDetails = "09 123",
        });
        await Accepted(commands.ExecuteAsync(id, new SignDecision(1) { By = new Actor("leader-3", Role.Signer, Unit) }, null, null));
        var signed = await GetAsync(worker, $"/api/referrals/{id}");
        Assert.Equal("Refused", signed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, signed.GetProperty("decision").GetProperty("notification").ValueKind);
        // Nothing but a reminder to record the sending: the review period has not begun.
        Assert.Equal("NotificationDue", Assert.Single(signed.GetProperty("dueDates").EnumerateArray()).GetProperty("kind").GetString());

        var notified = await PostAsync(worker, $"/api/referrals/{id}/decision-notification", new { method = "Letter", sentOn = today });
        var notification = notified.GetProperty("decision").GetProperty("notification");
        var law = global::Referrals.Domain.Decisions.NotificationLaw.For(global::Referrals.Domain.Decisions.NotificationMethod.Letter, today);
        Assert.Equal(("Letter", today.AddDays(7), law.ReviewPeriodEndsOn),
            (notification.GetProperty("method").GetString(), DateOnly.Parse(notification.GetProperty("deemedOn").GetString()!),
             DateOnly.Parse(notification.GetProperty("reviewPeriodEndsOn").GetString()!)));
        var due = Assert.Single(notified.GetProperty("dueDates").EnumerateArray());
        Assert.Equal("DecisionFinal", due.GetProperty("kind").GetString());

        var again = await PostAsync(worker, $"/api/referrals/{id}/decision-notification", new { method = "Letter", sentOn = today }, HttpStatusCode.Conflict);
        Assert.EndsWith("/notification-already-recorded", again.GetProperty("type").GetString(), StringComparison.Ordinal);

        var requested = await PostAsync(worker, $"/api/referrals/{id}/request-for-review", new { receivedOn = today, requester = "Representative" });
        var request = requested.GetProperty("decision").GetProperty("requestForReview");
        Assert.True(request.GetProperty("inTime").GetBoolean());
        Assert.Empty(requested.GetProperty("dueDates").EnumerateArray()); // not final while the request waits
        await PostAsync(worker, $"/api/referrals/{id}/request-for-review", new { receivedOn = today, requester = "Client" }, HttpStatusCode.Conflict);

        var stranger = host.Client(host.Token("worker-9", Role.ReferringWorker, "espoo-social-rehabilitation"));
        await PostAsync(stranger, $"/api/referrals/{id}/request-for-review/decision", new { outcome = "Annulled", decidedOn = today, reasons = "r" }, HttpStatusCode.NotFound);
        var decided = await PostAsync(worker, $"/api/referrals/{id}/request-for-review/decision", new { outcome = "Upheld", decidedOn = today, reasons = "Päätös pysyy." });
        Assert.Equal("Upheld", decided.GetProperty("decision").GetProperty("requestForReview").GetProperty("outcome").GetString());
        var timeline = await host.Reader.TimelineAsync(id);
        Assert.Equal(["DecisionNotified", "RequestForReviewReceived", "RequestForReviewDecided"],
            timeline.Select(e => e.Event.GetType().Name).Where(n => n.Contains("Notified", StringComparison.Ordinal) || n.Contains("RequestForReview", StringComparison.Ordinal)));
    }

    private static async Task Accepted(Task<CommandResult> command) => Assert.IsType<CommandResult.Accepted>(await command);

}
