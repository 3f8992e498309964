using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>An upload is part of the audit trail: one <c>attachment-added</c> event with who, when, the id
/// and the SHA-256 (never the file name, which may name the client), once even when the upload is retried;
/// and a referral that has ended takes no more files.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class AttachmentAuditTests(DevServices devServices) : IDisposable
{
    private const string Unit = "vantaa-adult-social-work";
    private readonly LoopbackHost host = new(devServices);

    public void Dispose() => host.Dispose();

    private static HttpRequestMessage Upload(string id, byte[] bytes, string key) => new(HttpMethod.Post, $"/api/referrals/{id}/attachments")
    {
        Content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "Matti Meikäläinen lausunto.pdf" } },
        Headers = { { "Idempotency-Key", key } },
    };

    [Fact]
    public async Task An_upload_is_one_event_in_the_timeline_even_when_retried_and_an_ended_referral_takes_none()
    {
        var worker = host.Client(host.Token("worker-1", Role.ReferringWorker, Unit));
        var auditor = host.Client(host.Token("auditor-1", Role.Auditor, Unit));
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var created = await worker.PostAsync("/api/referrals", new StringContent(JsonSerializer.Serialize(new
        {
            unit = Unit, profileId = "vantaa-steering-group", personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi", address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode = "sr-everyday-coaching",
            assessmentSummary = "Arvio.", goals = new[] { "Päivärytmi" }, requestedStart = today.AddDays(30),
        }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();
        var first = await worker.SendAsync(Upload(id, pdf, "upload-1"));
        var retried = await worker.SendAsync(Upload(id, pdf, "upload-1"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(first.Headers.Location, retried.Headers.Location);

        var timeline = await auditor.GetStringAsync($"/api/referrals/{id}/timeline");
        var added = Assert.Single(JsonDocument.Parse(timeline).RootElement.EnumerateArray(),
            e => e.GetProperty("event").GetProperty("$type").GetString() == "attachment-added").GetProperty("event");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), added.GetProperty("sha256Hex").GetString());
        Assert.Equal("worker-1", added.GetProperty("by").GetProperty("userId").GetString());
        Assert.DoesNotContain("Meikäläinen", timeline, StringComparison.Ordinal);

        using var withdraw = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{id}/withdrawal")
        {
            Content = new StringContent("""{"reason":"Asiakas muutti."}""", Encoding.UTF8, "application/json"),
        };
        Assert.Equal(HttpStatusCode.OK, (await worker.SendAsync(withdraw)).StatusCode);
        var late = await worker.SendAsync(Upload(id, pdf, "upload-2"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var attachments = await auditor.GetStringAsync($"/api/referrals/{id}/attachments");
        Assert.Single(JsonDocument.Parse(attachments).RootElement.EnumerateArray());
    }
}
