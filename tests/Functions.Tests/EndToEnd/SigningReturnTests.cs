using System.Net;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Functions.Tests.Infrastructure;
using static Referrals.Functions.Tests.EndToEnd.LiveApi;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>Against Azurite and maildev: the leader returns the draft through the link with a comment;
/// the worker drafts again; the new mail carries a new link that works, and the old one is refused.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class SigningReturnTests(DevServices devServices) : IDisposable
{
    private readonly LoopbackHost host = new(devServices);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task A_returned_draft_gets_a_new_link_and_the_old_one_is_refused()
    {
        await devServices.Maildev.DeleteAllAsync();
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var worker = host.Client(host.Token("worker-2", Role.ReferringWorker, Unit));
        var member = host.Client(host.Token("member-2", Role.ReviewBodyMember, ReviewBody));

        var id = (await PostAsync(worker, "/api/referrals", Submission(today.AddDays(20)), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await PostAsync(member, $"/api/referrals/{id}/review", new { outcome = "Approve", reasons = "Selvä." });
        object Draft(string reasons) => new
        {
            kind = "Granting", reasons, start = today.AddDays(20), end = today.AddDays(20).AddMonths(4),
            esyRemeasurementMonth = 6, contactPerson = "Maija Meikäläinen", contactDetails = "09 123",
        };
        await PostAsync(worker, $"/api/referrals/{id}/decision-draft", Draft("Ensimmäinen luonnos."));
        var first = await NextSigningLinkAsync(devServices.Maildev, []);

        var (status, html) = await SubmitSigningFormAsync(host, first, "return", "Lisää perustelut.");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Luonnos on palautettu", html, StringComparison.Ordinal);
        var returned = await GetAsync(worker, $"/api/referrals/{id}");
        Assert.Equal("AwaitingGrantingDraft", returned.GetProperty("status").GetString());

        await PostAsync(worker, $"/api/referrals/{id}/decision-draft", Draft("Toinen luonnos, perustelut lisätty."));
        var second = await NextSigningLinkAsync(devServices.Maildev, [first]);
        Assert.NotEqual(first, second);

        var (oldStatus, oldHtml) = await OpenSigningLinkAsync(host, first);
        Assert.Equal(HttpStatusCode.Gone, oldStatus);
        Assert.Contains("Linkki on jo käytetty", oldHtml, StringComparison.Ordinal);
        var (signedStatus, signedHtml) = await SubmitSigningFormAsync(host, second, "sign", "");
        Assert.Equal(HttpStatusCode.OK, signedStatus);
        Assert.Contains("Päätös on allekirjoitettu", signedHtml, StringComparison.Ordinal);
        var signed = await GetAsync(worker, $"/api/referrals/{id}");
        Assert.Equal(2, signed.GetProperty("decision").GetProperty("signedDraftVersion").GetInt32());
    }
}
