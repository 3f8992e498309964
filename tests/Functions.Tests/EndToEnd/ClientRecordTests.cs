using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Functions.Clients;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>The client record through the whole host on Azurite: the submission stores it encrypted
/// (the row has no plain text), the unit's worker reads it (access-logged), a correction is a command with
/// If-Match and Idempotency-Key whose audit is an event naming the fields, a replayed submission or
/// correction does not undo a later correction, a tampered row is a 409 problem, and no log line carries
/// the client's name, address, e-mail or identity code.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ClientRecordTests(DevServices devServices) : IDisposable
{
    private const string Unit = "vantaa-adult-social-work";
    private const string IdentityCode = "131052-308T";
    private readonly LoopbackHost host = new(devServices, new Dictionary<string, string> { ["Clients:AllowTemporaryNumbers"] = "false" });

    public void Dispose() => host.Dispose();

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> Send(HttpClient client, HttpMethod method, string path, object? body = null, string? key = null, string? etag = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private object Submission() => new
    {
        unit = Unit, profileId = "vantaa-steering-group", personalIdentityCode = IdentityCode, serviceTypeCode = "sr-everyday-coaching",
        assessmentSummary = "Arvio.", goals = new[] { "Päivärytmi" }, requestedStart = FinnishCalendar.DateIn(DateTimeOffset.UtcNow).AddDays(30),
        fullName = "Kaarina Kirjekyyhky", language = "fi", address = new { street = "Salakuja 13 C 45", postalCode = "01450", postOffice = "Vantaa" },
        email = "kaarina.kirjekyyhky@example.invalid", electronicNotificationConsent = true,
    };

    private TableClient RawTable => new TableServiceClient(devServices.StorageConnectionString).GetTableClient(host.Prefix + TableClientRecords.TableName);

    [Fact]
    public async Task The_record_is_stored_sealed_read_with_an_access_row_corrected_with_an_audit_event_and_a_tampered_row_is_refused()
    {
        var worker = host.Client(host.Token("worker-1", Role.ReferringWorker, Unit));
        var auditor = host.Client(host.Token("auditor-1", Role.Auditor, Unit));

        var (created, submitted) = await Send(worker, HttpMethod.Post, "/api/referrals", Submission(), "client-e2e");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = submitted.GetProperty("id").GetString()!;
        var clientId = submitted.GetProperty("clientId").GetString()!;

        // The row in Azurite: sealed, nothing readable.
        var row = (await RawTable.GetEntityAsync<TableEntity>(clientId, TableClientRecords.Row)).Value;
        var raw = string.Join("|", row.Select(p => p.Value is byte[] b ? Encoding.UTF8.GetString(b) + Convert.ToBase64String(b) : p.Value?.ToString()));
        foreach (var personal in new[] { "Kaarina", "Kirjekyyhky", "Salakuja", "01450", "131052", "308T", "example.invalid" })
            Assert.DoesNotContain(personal, raw, StringComparison.OrdinalIgnoreCase);

        var (read, record) = await Send(worker, HttpMethod.Get, $"/api/referrals/{id}/client");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(("Kaarina Kirjekyyhky", IdentityCode, "Salakuja 13 C 45"),
            (record.GetProperty("fullName").GetString(), record.GetProperty("personalIdentityCode").GetString(), record.GetProperty("address").GetProperty("street").GetString()));
        var etag = read.Headers.ETag!.Tag;

        // A correction with a stale version changes nothing; with the current one it is recorded.
        var correction = new { fullName = "Kaarina Korjattu", address = new { street = "Uusitie 2", postalCode = "01600", postOffice = "Vantaa" } };
        var (stale, _) = await Send(worker, HttpMethod.Post, $"/api/referrals/{id}/client/corrections", correction, "fix-1", "\"0\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("Kaarina Kirjekyyhky", (await Send(worker, HttpMethod.Get, $"/api/referrals/{id}/client")).Body.GetProperty("fullName").GetString());
        var (corrected, _) = await Send(worker, HttpMethod.Post, $"/api/referrals/{id}/client/corrections", correction, "fix-2", etag);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var (_, after) = await Send(worker, HttpMethod.Get, $"/api/referrals/{id}/client");
        Assert.Equal(("Kaarina Korjattu", "Uusitie 2"), (after.GetProperty("fullName").GetString(), after.GetProperty("address").GetProperty("street").GetString()));

        // The audit: an event with who, when and the field names; no value anywhere in the timeline.
        var (_, timeline) = await Send(auditor, HttpMethod.Get, $"/api/referrals/{id}/timeline");
        var audit = Assert.Single(timeline.EnumerateArray(), e => e.GetProperty("event").GetProperty("$type").GetString() == "client-record-corrected").GetProperty("event");
        Assert.Equal(["address", "fullName"], audit.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("worker-1", audit.GetProperty("by").GetProperty("userId").GetString());
        foreach (var personal in new[] { "Kaarina", "Korjattu", "Uusitie", "Salakuja", "131052" })
            Assert.DoesNotContain(personal, timeline.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // Replays: the submission's and the correction's answer again, and neither undoes the correction.
        var (replayed, _) = await Send(worker, HttpMethod.Post, "/api/referrals", Submission(), "client-e2e");
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        var (again, _) = await Send(worker, HttpMethod.Post, $"/api/referrals/{id}/client/corrections", correction, "fix-2", etag);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Kaarina Korjattu", (await Send(worker, HttpMethod.Get, $"/api/referrals/{id}/client")).Body.GetProperty("fullName").GetString());
        var (_, timelineAfter) = await Send(auditor, HttpMethod.Get, $"/api/referrals/{id}/timeline");
        Assert.Single(timelineAfter.EnumerateArray(), e => e.GetProperty("event").GetProperty("$type").GetString() == "client-record-corrected");
        // A later correction, then the earlier one replayed: the later one stands.
        var (third, _) = await Send(worker, HttpMethod.Post, $"/api/referrals/{id}/client/corrections", new { fullName = "Kaarina Kolmas" }, "fix-3");
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(worker, HttpMethod.Post, $"/api/referrals/{id}/client/corrections", correction, "fix-2", etag)).Response.StatusCode);
        Assert.Equal("Kaarina Kolmas", (await Send(worker, HttpMethod.Get, $"/api/referrals/{id}/client")).Body.GetProperty("fullName").GetString());

        // Every read of the record is in the access log.
        var (_, log) = await Send(auditor, HttpMethod.Get, $"/api/referrals/{id}/access-log?limit=200");
        Assert.Equal(5, log.GetProperty("items").EnumerateArray().Count(r => r.GetProperty("route").GetString() == "GET /api/referrals/{id}/client"));

        // A tampered row: refused with a reason, not shown, no 500.
        var entity = (await RawTable.GetEntityAsync<TableEntity>(clientId, TableClientRecords.Row)).Value;
        var payload = entity.GetBinary("Payload")!;
        payload[20] ^= 0x40;
        entity["Payload"] = payload;
        await RawTable.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Replace);
        var (tampered, problem) = await Send(worker, HttpMethod.Get, $"/api/referrals/{id}/client");
        Assert.Equal(HttpStatusCode.Conflict, tampered.StatusCode);
        Assert.Equal("client-record-unreadable", problem.GetProperty("code").GetString());
        Assert.Contains("eheystarkistus", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

        // Nothing personal in any log line of the host, at the most verbose level.
        var lines = host.Logs.Lines.ToArray();
        Assert.NotEmpty(lines);
        foreach (var personal in new[] { "Kaarina", "Kirjekyyhky", "Korjattu", "Kolmas", "Salakuja", "Uusitie", "131052", "308T", "kaarina.kirjekyyhky" })
            Assert.DoesNotContain(lines, l => l.Contains(personal, StringComparison.OrdinalIgnoreCase));
    }
}
