using System.Net;
using System.Text.Json;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Functions.Tests.Infrastructure;
using static Referrals.Functions.Tests.EndToEnd.LiveApi;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>Through the standalone host's HTTP API, against Azurite and maildev: a granted service that runs is
/// ended early by an ending decision (lopettamispäätös), drafted by the worker, signed by the leader from the
/// link in the signing mail and sent to the client by letter. It is the referral's second decision, with its own
/// review period; the first keeps its own; both documents stay readable.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class EndingDecisionTests(DevServices devServices) : IDisposable
{
    private readonly LoopbackHost host = new(devServices);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task An_ending_decision_is_drafted_signed_from_the_mail_link_and_notified_as_the_second_decision()
    {
        await devServices.Maildev.DeleteAllAsync();
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var worker = host.Client(host.Token("worker-4", Role.ReferringWorker, Unit));
        var member = host.Client(host.Token("member-4", Role.ReviewBodyMember, ReviewBody));
        var id = (await PostAsync(worker, "/api/referrals", Submission(today), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await PostAsync(member, $"/api/referrals/{id}/review", new { outcome = "Approve", reasons = "Selvä." });
        var decidedEnd = today.AddMonths(4).AddDays(-1);
        await PostAsync(worker, $"/api/referrals/{id}/decision-draft", new
        {
            kind = "Granting", reasons = "Tarve on arvioitu.", start = today, end = decidedEnd, esyRemeasurementMonth = 6,
            contactPerson = "Maija Meikäläinen", contactDetails = "09 123",
        });
        var grantLink = await NextSigningLinkAsync(devServices.Maildev, []);
        Assert.Contains("Päätös on allekirjoitettu", (await SubmitSigningFormAsync(host, grantLink, "sign")).Html, StringComparison.Ordinal);
        await PostAsync(worker, $"/api/referrals/{id}/decision-notification", new { method = "Letter", sentOn = today });
        await PostAsync(worker, $"/api/referrals/{id}/service-start", new { startedOn = today });

        // The ending decision: the reason from the closed set, the last day before the decided end.
        var lastDay = today.AddDays(30);
        var drafted = await PostAsync(worker, $"/api/referrals/{id}/decision-draft", new
        {
            kind = "Ending", endingReason = "NotTakingPart", end = lastDay,
            reasons = "Asiakas ei ole osallistunut ryhmään kuukauteen.", contactPerson = "Maija Meikäläinen", contactDetails = "09 123",
        });
        Assert.Equal("ServiceActive", drafted.GetProperty("status").GetString());
        Assert.True(drafted.GetProperty("decision").GetProperty("signaturePending").GetBoolean());
        var draftHtml = await worker.GetStringAsync($"/api/referrals/{id}/decision");
        Assert.Contains("Päätös sosiaalihuollon palvelun lopettamisesta", draftHtml, StringComparison.Ordinal);
        Assert.Contains("LUONNOS", draftHtml, StringComparison.Ordinal);

        var endingLink = await NextSigningLinkAsync(devServices.Maildev, [grantLink]);
        var (status, page) = await SubmitSigningFormAsync(host, endingLink, "sign");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Päätös on allekirjoitettu", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await SubmitSigningFormAsync(host, grantLink, "sign")).Status);

        var signed = await GetAsync(worker, $"/api/referrals/{id}");
        var decisions = signed.GetProperty("decision").GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal([("Granting", 1), ("Ending", 2)], decisions.Select(d => (d.GetProperty("kind").GetString()!, d.GetProperty("number").GetInt32())));
        Assert.Equal("NotTakingPart", decisions[1].GetProperty("endingReason").GetString());
        Assert.Equal(JsonValueKind.Object, decisions[0].GetProperty("notification").ValueKind);
        Assert.Equal(JsonValueKind.Null, decisions[1].GetProperty("notification").ValueKind);
        var due = signed.GetProperty("dueDates").EnumerateArray().Select(d => d.GetProperty("kind").GetString()).ToList();
        Assert.Contains("ServiceEndsByDecision", due);
        Assert.Contains("NotificationDue", due);

        var notified = await PostAsync(worker, $"/api/referrals/{id}/decision-notification", new { method = "Letter", sentOn = today });
        var law = global::Referrals.Domain.Decisions.NotificationLaw.For(global::Referrals.Domain.Decisions.NotificationMethod.Letter, today);
        var second = notified.GetProperty("decision").GetProperty("decisions")[1].GetProperty("notification");
        Assert.Equal(law.ReviewPeriodEndsOn, DateOnly.Parse(second.GetProperty("reviewPeriodEndsOn").GetString()!));
        Assert.Equal(law.ReviewPeriodEndsOn, DateOnly.Parse(notified.GetProperty("decision").GetProperty("notification").GetProperty("reviewPeriodEndsOn").GetString()!));
        await PostAsync(worker, $"/api/referrals/{id}/decision-notification", new { method = "Letter", sentOn = today }, HttpStatusCode.Conflict);

        // Both decisions stay readable: the latest by default, the first by its number.
        var ending = await worker.GetStringAsync($"/api/referrals/{id}/decision");
        Assert.Contains("Päätös sosiaalihuollon palvelun lopettamisesta", ending, StringComparison.Ordinal);
        Assert.Contains("asiakas ei osallistu palveluun", ending, StringComparison.Ordinal);
        Assert.Contains("Oikaisuvaatimusohje", ending, StringComparison.Ordinal);
        Assert.DoesNotContain("LUONNOS", ending, StringComparison.Ordinal);
        var granting = await worker.GetStringAsync($"/api/referrals/{id}/decision?decision=1");
        Assert.Contains("Päätös sosiaalihuollon palvelusta", granting, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/referrals/{id}/decision?decision=3")).StatusCode);
    }
}
