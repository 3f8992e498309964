using System.Net;
using System.Text;
using System.Text.Json;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>An Idempotency-Key is bound to the caller, the route and the body it was first used with
/// (on Table Storage, through HTTP): the same key from another worker of the unit, on another command
/// or with another body is a 422 <c>idempotency-key-reused</c> that carries none of the first answer, and
/// writes nothing; a genuine replay answers the first result and is access-logged like a read.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class IdempotencyScopeTests(DevServices devServices) : IDisposable
{
    private const string Unit = "vantaa-adult-social-work";
    private readonly LoopbackHost host = new(devServices);

    public void Dispose() => host.Dispose();

    private static HttpRequestMessage Post(string path, string json, string key) => new(HttpMethod.Post, path)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
        Headers = { { "Idempotency-Key", key } },
    };

    private static HttpRequestMessage Upload(string id, byte[] bytes, string name, string key) => new(HttpMethod.Post, $"/api/referrals/{id}/attachments")
    {
        Content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } },
        Headers = { { "Idempotency-Key", key } },
    };

    private async Task<int> AccessRows(HttpClient auditor, string id) =>
        JsonDocument.Parse(await auditor.GetStringAsync($"/api/referrals/{id}/access-log?limit=200")).RootElement.GetProperty("items").GetArrayLength();

    [Fact]
    public async Task A_key_answers_only_its_first_caller_route_and_body()
    {
        var worker = host.Client(host.Token("worker-1", Role.ReferringWorker, Unit));
        var colleague = host.Client(host.Token("worker-2", Role.ReferringWorker, Unit));
        var auditor = host.Client(host.Token("auditor-1", Role.Auditor, Unit));
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var submit = JsonSerializer.Serialize(new
        {
            unit = Unit, profileId = "vantaa-steering-group", personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi", address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode = "sr-everyday-coaching",
            assessmentSummary = "Arvio.", goals = new[] { "Päivärytmi" }, requestedStart = today.AddDays(30),
        });
        var created = await worker.SendAsync(Post("/api/referrals", submit, "sub-1"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        // The same submission with another body under the same key: refused, no data.
        var otherSubmit = submit.Replace("Arvio.", "Toinen arvio.", StringComparison.Ordinal);
        var reusedSubmit = await worker.SendAsync(Post("/api/referrals", otherSubmit, "sub-1"));
        await AssertReused(reusedSubmit);

        const string withdraw = """{"reason":"Asiakas muutti."}""";
        var first = await worker.SendAsync(Post($"/api/referrals/{id}/withdrawal", withdraw, "w-1"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync();
        var rowsAfterFirst = await AccessRows(auditor, id);
        var timelineAfterFirst = await auditor.GetStringAsync($"/api/referrals/{id}/timeline");

        // Another caller, another route, another body: 422 with nothing of the first answer.
        await AssertReused(await colleague.SendAsync(Post($"/api/referrals/{id}/withdrawal", withdraw, "w-1")));
        await AssertReused(await worker.SendAsync(Post($"/api/referrals/{id}/information", """{"text":"Lisätieto"}""", "w-1")));
        await AssertReused(await worker.SendAsync(Post($"/api/referrals/{id}/withdrawal", """{"reason":"Toinen syy."}""", "w-1")));

        // The genuine replay: the first answer, and an access-log row like a read.
        var replay = await worker.SendAsync(Post($"/api/referrals/{id}/withdrawal", withdraw, "w-1"));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());
        var log = JsonDocument.Parse(await auditor.GetStringAsync($"/api/referrals/{id}/access-log?limit=200")).RootElement.GetProperty("items");
        // +1 for the auditor's timeline read in between, +1 for the replay, +1 for this read of the log.
        Assert.Equal(rowsAfterFirst + 3, log.GetArrayLength());
        Assert.Single(log.EnumerateArray(), r => r.GetProperty("userId").GetString() == "worker-1"
            && r.GetProperty("route").GetString() == "POST /api/referrals/{id}/withdrawal");
        Assert.Equal(timelineAfterFirst, await auditor.GetStringAsync($"/api/referrals/{id}/timeline"));
    }

    [Fact]
    public async Task An_attachment_key_answers_only_its_first_caller_and_file()
    {
        var worker = host.Client(host.Token("worker-1", Role.ReferringWorker, Unit));
        var colleague = host.Client(host.Token("worker-2", Role.ReferringWorker, Unit));
        var auditor = host.Client(host.Token("auditor-1", Role.Auditor, Unit));
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var created = await worker.SendAsync(Post("/api/referrals", JsonSerializer.Serialize(new
        {
            unit = Unit, profileId = "vantaa-steering-group", personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi", address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode = "sr-everyday-coaching",
            assessmentSummary = "Arvio.", goals = new[] { "Päivärytmi" }, requestedStart = today.AddDays(30),
        }), "sub-a"));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

        var first = await worker.SendAsync(Upload(id, pdf, "lausunto.pdf", "att-1"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var logged = await AccessRows(auditor, id);
        await AssertReused(await colleague.SendAsync(Upload(id, pdf, "lausunto.pdf", "att-1")));
        await AssertReused(await worker.SendAsync(Upload(id, pdf, "toinen.pdf", "att-1")));
        var replay = await worker.SendAsync(Upload(id, pdf, "lausunto.pdf", "att-1"));
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(logged + 2, await AccessRows(auditor, id)); // the replay, and the auditor's count in between
        Assert.Single(JsonDocument.Parse(await auditor.GetStringAsync($"/api/referrals/{id}/attachments")).RootElement.EnumerateArray());
    }

    private static async Task AssertReused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.EndsWith("/idempotency-key-reused", problem.GetProperty("type").GetString());
        Assert.False(problem.TryGetProperty("id", out _));
        Assert.DoesNotContain("clientId", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Arvio", body, StringComparison.Ordinal);
    }
}
