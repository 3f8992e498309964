using System.Net;
using System.Text;
using System.Text.Json;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;

namespace Referrals.Functions.Tests.Api;

/// <summary>The client's details at the edge: the submission validates them field by field (fi/sv) and
/// stores them in the client record under the opaque client id (the referral keeps only that id); the
/// record is read by the unit's workers and signer, each read access-logged.</summary>
public sealed class ClientRecordApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Submission(string client) => $$"""
        {"unit":"vantaa-adult-social-work","profileId":"vantaa-steering-group","personalIdentityCode":"150590-912B","serviceTypeCode":"sr-everyday-coaching",
         "assessmentSummary":"Arvio","goals":["Päivärytmi"],"requestedStart":"2026-04-01"{{client}}}
        """;

    private const string GoodClient = ""","fullName":"Eeva Esimerkki","language":"sv","address":{"street":"Strandvägen 5","postalCode":"02100","postOffice":"Esbo"},"email":"eeva@example.invalid","electronicNotificationConsent":true,"interpreterLanguage":"arabia" """;

    [Fact]
    public async Task A_submission_stores_the_client_record_under_the_client_id_and_the_referral_keeps_only_the_id()
    {
        var worker = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = Json(Submission(GoodClient.TrimEnd())) };
        request.Headers.Add("Idempotency-Key", "client-store-1");
        var response = await worker.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var view = JsonDocument.Parse(body).RootElement;
        var clientId = view.GetProperty("clientId").GetString()!;
        var record = await factory.ClientRecords.GetAsync(clientId);
        Assert.NotNull(record);
        Assert.Equal(("Eeva Esimerkki", global::Referrals.Domain.Clients.ClientLanguage.Sv, "02100", "eeva@example.invalid", true, "arabia"),
            (record!.FullName, record.Language, record.Address.PostalCode, record.Email, record.ElectronicNotificationConsent, record.InterpreterLanguage));
        Assert.Equal("150590-912B", record.IdentityCode.Value);
        foreach (var personal in new[] { "Eeva", "Strandvägen", "eeva@", "912B" })
        {
            Assert.DoesNotContain(personal, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(personal, JsonSerializer.Serialize(factory.State(view.GetProperty("id").GetString()!)), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(personal, JsonSerializer.Serialize(factory.Events(view.GetProperty("id").GetString()!)), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("fi", "", "fullName", "Pakollinen tieto puuttuu.")]
    [InlineData("sv", "", "fullName", null)]
    [InlineData("fi", ""","fullName":"E E","language":"en","address":{"street":"K 1","postalCode":"02100","postOffice":"Espoo"}""", "language", "Valitse asiakkaan kieli: fi (suomi) tai sv (ruotsi).")]
    [InlineData("sv", ""","fullName":"E E","language":"en","address":{"street":"K 1","postalCode":"02100","postOffice":"Espoo"}""", "language", "Välj klientens språk: fi (finska) eller sv (svenska).")]
    [InlineData("fi", ""","fullName":"E E","language":"fi","address":{"street":"K 1","postalCode":"2100","postOffice":"Espoo"}""", "address.postalCode", "Postinumerossa on viisi numeroa.")]
    [InlineData("fi", ""","fullName":"E E","language":"fi","address":{"street":"K 1","postalCode":"02100","postOffice":"Espoo"},"electronicNotificationConsent":true""", "electronicNotificationConsent", "Sähköiseen tiedoksiantoon tarvitaan asiakkaan sähköpostiosoite.")]
    [InlineData("sv", ""","fullName":"E E","language":"fi","address":{"street":"K 1","postalCode":"02100","postOffice":"Espoo"},"email":"not-an-address" """, "email", "E-postadressen har inte formen namn@exempel.fi.")]
    [InlineData("fi", ""","fullName":"E\u202EE","language":"fi","address":{"street":"K 1","postalCode":"02100","postOffice":"Espoo"}""", "fullName", null)]
    [InlineData("fi", ""","fullName":"E E","language":"fi","address":{"postalCode":"02100","postOffice":"Espoo"}""", "address.street", null)]
    public async Task The_client_fields_are_checked_at_the_edge_and_named_in_the_callers_language(string language, string client, string field, string? message)
    {
        var worker = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = Json(Submission(client)) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await worker.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), text);
        if (message is not null) Assert.Contains(message, messages.EnumerateArray().Select(m => m.GetString()));
        Assert.DoesNotContain("150590", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unit_worker_reads_the_record_and_the_read_is_access_logged_first()
    {
        var id = factory.Given(History.AwaitingSignature.ForClient(SampleClient.Id));
        var response = await factory.ClientWith(factory.Token("worker-77", Role.ReferringWorker, Actors.Unit)).GetAsync($"/api/referrals/{id}/client");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var view = JsonDocument.Parse(text).RootElement;
        Assert.Equal((SampleClient.Id, SampleClient.Name, SampleClient.Code, "fi"),
            (view.GetProperty("clientId").GetString(), view.GetProperty("fullName").GetString(), view.GetProperty("personalIdentityCode").GetString(), view.GetProperty("language").GetString()));
        Assert.Equal("Testikuja 3", view.GetProperty("address").GetProperty("street").GetString());
        Assert.Contains(factory.AccessLog.Records, r => r.ReferralId == id && r.UserId == "worker-77" && r.Role == "ReferringWorker"
            && r.Unit == Actors.Unit && r.Route == "GET /api/referrals/{id}/client");
        // The access row names the route template, never the client's data.
        Assert.DoesNotContain(factory.AccessLog.Records, r => JsonSerializer.Serialize(r).Contains(SampleClient.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_referral_without_a_stored_record_answers_a_problem_not_an_error()
    {
        var id = factory.Given(History.AwaitingReview.ForClient("c-unknown"));
        var response = await factory.ClientAs(Role.Signer, Actors.Unit).GetAsync($"/api/referrals/{id}/client");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("client-record-missing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_takes_no_identity_code_and_must_change_something()
    {
        var id = factory.Given(History.AwaitingReview.ForClient(SampleClient.Id));
        var worker = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        var code = await worker.PostAsync($"/api/referrals/{id}/client/corrections", Json("""{"personalIdentityCode":"150590-912B"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, code.StatusCode);
        Assert.Contains("personalIdentityCode", await code.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(factory.Events(id));
        var nothing = await worker.PostAsync($"/api/referrals/{id}/client/corrections", Json("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Contains("Korjauksessa ei ole yhtään muutettavaa tietoa.", await nothing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var consent = await worker.PostAsync($"/api/referrals/{id}/client/corrections", Json("""{"email":""}"""));
        Assert.Equal(HttpStatusCode.BadRequest, consent.StatusCode);
        Assert.Contains("electronicNotificationConsent", await consent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(factory.Events(id));
    }
}

/// <summary>The download link's limits: an expired or unknown link is a page that says so (no client
/// data, nothing read), and the limits are checked at start.</summary>
public sealed class DecisionDownloadLinkTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Token = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee1";

    [Fact]
    public async Task An_expired_link_is_gone_and_an_unknown_one_not_found_and_neither_reads_the_referral()
    {
        var hash = global::Referrals.Functions.Signing.SigningTokens.HashOf(Token);
        factory.Downloads.Grants[hash] = new global::Referrals.Functions.Clients.DecisionDownloadGrant(hash, "r-expired", 1, TestTime.Now.AddDays(-1), 0, null);
        var client = factory.ClientWith(null);
        var expired = await client.GetAsync($"/decision-download/{Token}");
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("Linkki on vanhentunut", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var posted = await client.PostAsync($"/decision-download/{Token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["identityCode"] = SampleClient.Code }));
        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.Equal(0, factory.Downloads.Grants[hash].FailedAttempts);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/decision-download/not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/decision-download/{Token[..^1]}2")).StatusCode);
        Assert.DoesNotContain(factory.AccessLog.Records, r => r.ReferralId == "r-expired");
    }

    [Theory]
    [InlineData("DecisionDownloads:ExpiryDays", "0", "DecisionDownloads:ExpiryDays must be between 1 and 60.")]
    [InlineData("DecisionDownloads:MaxAttempts", "50", "DecisionDownloads:MaxAttempts must be between 1 and 10.")]
    public void The_link_limits_are_validated_at_start(string key, string value, string message)
    {
        using var bad = new ApiFactory { Settings = new() { [key] = value } };
        var error = Assert.ThrowsAny<Exception>(() => bad.CreateClient());
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }
}
