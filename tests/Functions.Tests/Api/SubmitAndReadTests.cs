using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Referrals.Domain.Common;
using Azure.Data.Tables;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Tests.Api;

/// <summary>Submission turns the identity code into an opaque client id and a birth date and drops it;
/// reads of client data are access-logged.</summary>
public sealed class SubmitAndReadTests : IClassFixture<ApiFactory>
{
    private const string Code = "010181-900C";
    private readonly ApiFactory factory;

    public SubmitAndReadTests(ApiFactory factory) => this.factory = factory;

    private static StringContent Submission(string code = Code, string unit = Actors.Unit) => new($$"""
        {"unit":"{{unit}}","profileId":"vantaa-steering-group","personalIdentityCode":"{{code}}","fullName":"Matti Meikäläinen","language":"fi","address":{"street":"Kotikatu 1 A 2","postalCode":"01300","postOffice":"Vantaa"},"serviceTypeCode":"sr-everyday-coaching",
         "assessmentSummary":"Arvio","goals":["Päivärytmi"],"requestedStart":"2026-04-01"}
        """, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Submit(string? key, string code = Code)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = Submission(code) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task Submit_is_201_with_location_and_derives_client_id_and_birth_date_without_keeping_the_code()
    {
        var client = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        var response = await client.SendAsync(Submit("s-1"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var view = JsonDocument.Parse(body).RootElement;
        var id = view.GetProperty("id").GetString()!;
        Assert.Equal($"/api/referrals/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("1981-01-01", view.GetProperty("clientBirthDate").GetString());
        Assert.StartsWith("c-", view.GetProperty("clientId").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("900C", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Code, JsonSerializer.Serialize(factory.State(id)), StringComparison.Ordinal);
        var submitted = Assert.IsType<ReferralSubmitted>(Assert.Single(factory.Events(id)));
        Assert.DoesNotContain(Code, JsonSerializer.Serialize<ReferralEvent>(submitted), StringComparison.Ordinal);
        Assert.Equal((view.GetProperty("clientId").GetString(), new DateOnly(1981, 1, 1)), (submitted.ClientId, submitted.ClientBirthDate));
        Assert.Equal(new Actor("u-ReferringWorker", Role.ReferringWorker, Actors.Unit), submitted.By);
    }

    [Fact]
    public async Task The_same_person_gets_the_same_client_id_and_another_person_another()
    {
        var client = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        async Task<string> ClientIdOf(string key, string code) =>
            (await (await client.SendAsync(Submit(key, code))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetString()!;
        var first = await ClientIdOf("p-1", Code);
        Assert.Equal(first, await ClientIdOf("p-2", "010181-900c"));
        Assert.NotEqual(first, await ClientIdOf("p-3", "150590-912B"));
    }

    [Fact]
    public async Task A_retried_submit_with_the_same_key_answers_with_the_same_referral()
    {
        var client = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        var before = await ReferralCountAsync();
        var first = await client.SendAsync(Submit("retry-1"));
        var second = await client.SendAsync(Submit("retry-1"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(before + 1, await ReferralCountAsync());
        Assert.Single(factory.Events(first.Headers.Location!.OriginalString["/api/referrals/".Length..]));
    }

    /// <summary>The referrals in this factory's storage (one snapshot row each).</summary>
    private async Task<int> ReferralCountAsync()
    {
        var storage = factory.Services.GetRequiredService<StorageAccount>();
        await storage.EnsureCreatedAsync();
        var count = 0;
        await foreach (var _ in storage.Referrals.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {ReferralRows.SnapshotPrefix} and RowKey lt {ReferralRows.SnapshotEnd}"), select: ["PartitionKey"]))
            count++;
        return count;
    }

    [Theory]
    [InlineData("010181-900D")]
    [InlineData("320181-900C")]
    [InlineData("010181Q900C")]
    [InlineData("nonsense")]
    public async Task An_invalid_identity_code_is_a_field_error_that_does_not_echo_it(string code)
    {
        var response = await factory.ClientAs(Role.ReferringWorker, Actors.Unit).SendAsync(Submit(null, code));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("personalIdentityCode", text, StringComparison.Ordinal);
        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_of_several_units_must_name_one()
    {
        var client = factory.ClientAs(Role.ReferringWorker, Actors.Unit, Actors.OtherUnit);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals")
        {
            Content = new StringContent("""{"profileId":"p","personalIdentityCode":"010181-900C","fullName":"Matti Meikäläinen","language":"fi","address":{"street":"Kotikatu 1 A 2","postalCode":"01300","postOffice":"Vantaa"},"serviceTypeCode":"g","assessmentSummary":"a","goals":["g"],"requestedStart":"2026-04-01"}""", Encoding.UTF8, "application/json"),
        };
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"unit\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_read_of_client_data_is_access_logged_and_auditors_see_the_log()
    {
        var id = factory.Given(History.AwaitingSignature);
        var worker = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        foreach (var path in new[] { "", "/timeline", "/decision", "/attachments" })
            Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/api/referrals/{id}{path}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ClientAs(Role.ReferringWorker, Actors.OtherUnit).GetAsync($"/api/referrals/{id}")).StatusCode);

        var auditor = factory.ClientAs(Role.Auditor, Actors.Unit);
        var log = (await auditor.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}/access-log")).GetProperty("items");
        var routes = log.EnumerateArray().Select(r => r.GetProperty("route").GetString()).ToList();
        Assert.Equal(
            ["GET /api/referrals/{id}", "GET /api/referrals/{id}/timeline", "GET /api/referrals/{id}/decision", "GET /api/referrals/{id}/attachments"],
            routes.Take(4));
        Assert.All(log.EnumerateArray().Take(4), r => Assert.Equal("u-ReferringWorker", r.GetProperty("userId").GetString()));
        Assert.DoesNotContain(factory.AccessLog.Records, r => r.ReferralId == id && r.Unit == Actors.OtherUnit);
        Assert.Contains(factory.AccessLog.Records, r => r.ReferralId == id && r.Role == "Auditor");
    }

    [Fact]
    public async Task The_decision_is_html_and_a_referral_without_one_is_404()
    {
        var drafted = factory.Given(History.AwaitingSignature);
        var undrafted = factory.Given(History.AwaitingReview);
        var worker = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        var doc = await worker.GetAsync($"/api/referrals/{drafted}/decision");
        Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
        Assert.Equal("text/html", doc.Content.Headers.ContentType?.MediaType);
        var none = await worker.GetAsync($"/api/referrals/{undrafted}/decision");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("problems/no-decision", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_decision_names_the_client_from_the_record_in_their_language_and_says_so_when_there_is_none()
    {
        var id = factory.Given(History.AwaitingSignature.ForClient("c-party"));
        var worker = factory.ClientAs(Role.ReferringWorker, Actors.Unit);

        var without = await worker.GetStringAsync($"/api/referrals/{id}/decision");
        Assert.Contains("data-element=\"client-missing\"", without, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fi\">", without, StringComparison.Ordinal);

        Assert.True(global::Referrals.Domain.Clients.PersonalIdentityCode.TryParse("131052-308T", out var code, out _));
        await factory.Services.GetRequiredService<global::Referrals.Functions.Clients.IClientRecords>().PutAsync(new global::Referrals.Domain.Clients.ClientRecord(
            "c-party", "Sara Lindqvist", code!, global::Referrals.Domain.Clients.ClientLanguage.Sv, new("Hemgatan 1", "01300", "Vanda"), null, false, null));
        var with = await worker.GetStringAsync($"/api/referrals/{id}/decision");
        Assert.Contains("<html lang=\"sv\">", with, StringComparison.Ordinal);
        Assert.Contains("<dd data-element=\"client-name\">Sara Lindqvist</dd>", with, StringComparison.Ordinal);
        Assert.Contains("<dd data-element=\"client-identity-code\">131052-308T</dd>", with, StringComparison.Ordinal);
        Assert.Contains("Socialt arbete för vuxna, Vanda", with, StringComparison.Ordinal);
        Assert.DoesNotContain("<section lang=\"fi\">", with, StringComparison.Ordinal);
    }
}
