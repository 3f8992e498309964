using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Tests.EndToEnd;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.OpenApi;

/// <summary>The contract is exact: real answers of every route, in several states and for errors, on the
/// real host (Azurite, the real decider and engine), validate against the document the host serves;
/// a status or media type it does not document is a failure too; and every documented operation is met.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ContractTests(DevServices devServices) : IDisposable
{
    private const string Unit = "vantaa-adult-social-work";
    private const string ReviewBody = "vantaa-steering-group";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
    private readonly LoopbackHost host = new(devServices);
    private ContractCheckingHandler checker = null!;

    public void Dispose() => host.Dispose();

    private HttpClient As(string? token)
    {
        var client = new HttpClient(checker, disposeHandler: false) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Every_answer_of_every_route_validates_against_the_served_document()
    {
        var document = await host.Client().GetStringAsync("/api/openapi/v1.json");
        var contract = new OpenApiContract(document);
        checker = new ContractCheckingHandler(contract);
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var anonymous = As(null);
        var worker = As(host.Token("worker-c", Role.ReferringWorker, Unit));
        var member = As(host.Token("member-c", Role.ReviewBodyMember, ReviewBody));
        var auditor = As(host.Token("auditor-c", Role.Auditor, Unit));
        var operatorClient = As(host.Token("operator-c", Role.Operator, Unit));
        var stranger = As(host.Token("worker-x", Role.ReferringWorker, "espoo-social-rehabilitation"));
        var commands = host.Commands;

        await Expect(anonymous.GetAsync("/api/health"), HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
        await Expect(anonymous.GetAsync("/api/health/live"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/api/referrals"), HttpStatusCode.Unauthorized);
        await Expect(member.PostAsync("/api/referrals", Json(new { })), HttpStatusCode.Forbidden);
        await Expect(worker.PostAsync("/api/referrals", Json(new { profileId = ReviewBody })), HttpStatusCode.BadRequest);
        await Expect(worker.PostAsync("/api/referrals", new StringContent("x", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await Expect(worker.PostAsync("/api/referrals", Json(Submission(today) with { ProfileId = "no-such-profile" })), HttpStatusCode.UnprocessableEntity);

        // A granted referral through review (with a question), drafting, signing, notification and follow-up.
        var id = await IdOf(worker.PostAsync("/api/referrals", Json(Submission(today))), HttpStatusCode.Created);
        await Expect(worker.GetAsync($"/api/referrals/{id}"), HttpStatusCode.OK);
        await Expect(stranger.GetAsync($"/api/referrals/{id}"), HttpStatusCode.NotFound);
        await Expect(worker.GetAsync($"/api/referrals/{id}/page"), HttpStatusCode.OK);
        await Expect(stranger.GetAsync($"/api/referrals/{id}/page"), HttpStatusCode.NotFound);
        await Expect(anonymous.GetAsync($"/api/referrals/{id}/page"), HttpStatusCode.Unauthorized);
        await Expect(As(host.Token("viewer-p", Role.ReportViewer, "county")).GetAsync($"/api/referrals/{id}/page"), HttpStatusCode.Forbidden);
        await Expect(worker.GetAsync($"/api/referrals/{id}/timeline"), HttpStatusCode.OK);
        await Expect(worker.GetAsync($"/api/referrals/{id}/client"), HttpStatusCode.OK);
        await Expect(stranger.GetAsync($"/api/referrals/{id}/client"), HttpStatusCode.NotFound);
        await Expect(Send(worker, $"/api/referrals/{id}/client/corrections", new { fullName = "Matti Olavi Meikäläinen" }), HttpStatusCode.OK);
        await Expect(Send(worker, $"/api/referrals/{id}/client/corrections", new { }), HttpStatusCode.BadRequest);
        await Expect(worker.GetAsync("/api/referrals?status=AwaitingReview&limit=5"), HttpStatusCode.OK);
        await Expect(worker.GetAsync("/api/referrals?continuation=not-a-token"), HttpStatusCode.BadRequest);
        await Expect(member.GetAsync("/api/review-queue"), HttpStatusCode.OK);
        await Expect(member.GetAsync("/api/review-queue?limit=0"), HttpStatusCode.BadRequest);
        await Expect(Send(member, $"/api/referrals/{id}/review", new { outcome = "Approve", reasons = "r" }, etag: "\"99\""), HttpStatusCode.PreconditionFailed);
        await Expect(Send(member, $"/api/referrals/{id}/review", new { outcome = "RequestInformation", reasons = "Mikä on asumistilanne?" }), HttpStatusCode.OK);
        await Expect(Send(worker, $"/api/referrals/{id}/information", new { text = "Asuu tukiasunnossa." }), HttpStatusCode.OK);
        await Expect(Send(member, $"/api/referrals/{id}/review", new { outcome = "Approve", reasons = "Tarve on selvä." }), HttpStatusCode.OK);
        await Expect(member.GetAsync($"/api/referrals/{id}/review-lines"), HttpStatusCode.OK);
        // Vantaa's profile has no joint assessment step (Espoo's has): the process refuses it by name.
        await Expect(Send(worker, $"/api/referrals/{id}/joint-assessment", new { assessedOn = today, counsellorId = "counsellor-1", summary = "Yhteisarvio." }),
            HttpStatusCode.UnprocessableEntity);
        await Expect(Send(worker, $"/api/referrals/{id}/joint-assessment", new { assessedOn = today }), HttpStatusCode.BadRequest);
        await Expect(Send(worker, $"/api/referrals/{id}/decision-draft", new { kind = "Granting" }), HttpStatusCode.BadRequest);
        await Expect(Send(worker, $"/api/referrals/{id}/decision-draft", new
        {
            kind = "Granting", reasons = "Asiakkaalla on tarve tavoitteelliseen tukeen.", start = today, end = today.AddMonths(6),
            esyRemeasurementMonth = 6, contactPerson = "Maija Meikäläinen", contactDetails = "09 123 456",
        }), HttpStatusCode.OK);
        await Expect(worker.GetAsync($"/api/referrals/{id}/decision"), HttpStatusCode.OK);
        Assert.IsType<CommandResult.Accepted>(await commands.ExecuteAsync(id, new SignDecision(1) { By = new Actor("leader-c", Role.Signer, Unit) }, null, null));
        await Expect(Send(worker, $"/api/referrals/{id}/decision-notification", new { method = "Letter", sentOn = today }), HttpStatusCode.OK);
        await Expect(Send(worker, $"/api/referrals/{id}/decision-notification", new { method = "Letter", sentOn = today }), HttpStatusCode.Conflict);
        await Expect(Send(worker, $"/api/referrals/{id}/service-start", new { startedOn = today, provider = "Palveluntuottaja Oy", providerUnit = "vantaa-purchased-coaching" }), HttpStatusCode.OK);
        await Expect(Send(worker, $"/api/referrals/{id}/client-plan", new { agreedOn = today }), HttpStatusCode.OK);
        await Expect(Send(worker, $"/api/referrals/{id}/evaluations", new { heldOn = today, notes = "Edistyy." }), HttpStatusCode.OK);
        await Expect(Send(worker, $"/api/referrals/{id}/provider-reports", new { receivedOn = today, summary = "Osallistunut." }), HttpStatusCode.OK);
        var provider = As(host.Token("provider-c", Role.ServiceProvider, "vantaa-purchased-coaching"));
        await Expect(Send(provider, $"/api/referrals/{id}/rehabilitation-plan", new { agreedOn = today, summary = "Tavoitteena päivärytmi." }), HttpStatusCode.OK);
        await Expect(Send(worker, $"/api/referrals/{id}/rehabilitation-plan", new { agreedOn = today, summary = "S." }), HttpStatusCode.Forbidden);
        await Expect(Send(provider, $"/api/referrals/{id}/rehabilitation-plan", new { agreedOn = today }), HttpStatusCode.BadRequest);
        await Expect(Send(worker, $"/api/referrals/{id}/esy-measurements", new { measuredOn = today, scores = new Dictionary<string, int> { ["housing"] = 3 } }),
            HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity);
        await Expect(worker.PostAsync($"/api/referrals/{id}/attachments", Upload()), HttpStatusCode.Created);
        var attachments = JsonDocument.Parse(await (await Expect(worker.GetAsync($"/api/referrals/{id}/attachments"), HttpStatusCode.OK)).Content.ReadAsStringAsync());
        var attachmentId = attachments.RootElement.EnumerateArray().First().GetProperty("attachmentId").GetString();
        await Expect(worker.GetAsync($"/api/referrals/{id}/attachments/{attachmentId}"), HttpStatusCode.OK, HttpStatusCode.Conflict);
        await Expect(worker.GetAsync($"/api/referrals/{id}/attachments/a-none"), HttpStatusCode.NotFound);
        await Expect(Send(worker, $"/api/referrals/{id}/closure", new { endedOn = today, summary = "Tavoitteet saavutettu.", feedbackCollected = true }), HttpStatusCode.OK);
        await Expect(auditor.GetAsync($"/api/referrals/{id}/access-log?limit=10"), HttpStatusCode.OK);
        await Expect(worker.GetAsync($"/api/referrals/{id}/instrument-chart"), HttpStatusCode.OK);
        await Expect(worker.GetAsync($"/api/referrals/{id}/page?lang=sv"), HttpStatusCode.OK);
        await Expect(auditor.GetAsync($"/api/referrals/{id}/page"), HttpStatusCode.OK);
        await Expect(worker.GetAsync($"/api/referrals/{id}/measurements/esy-example/comparison"), HttpStatusCode.OK);
        await Expect(worker.GetAsync($"/api/referrals/{id}/measurements/whodas/comparison"), HttpStatusCode.NotFound);
        var viewer = As(host.Token("viewer-c", Role.ReportViewer, "county"));
        foreach (var format in new[] { "json", "csv", "html" })
            await Expect(viewer.GetAsync($"/api/reports/overview?period={today.Year}&groupBy=unit&format={format}"), HttpStatusCode.OK);
        await Expect(viewer.GetAsync($"/api/reports/overview?period=not-a-period"), HttpStatusCode.BadRequest);
        await Expect(worker.GetAsync($"/api/reports/overview?period={today.Year}"), HttpStatusCode.Forbidden);
        await Expect(auditor.GetAsync($"/api/referrals/{id}/access-log?continuation=x"), HttpStatusCode.BadRequest);

        // A refusal that the client asks to be reviewed.
        var refused = await IdOf(worker.PostAsync("/api/referrals", Json(Submission(today))), HttpStatusCode.Created);
        await Expect(Send(member, $"/api/referrals/{refused}/review", new { outcome = "Refuse", reasons = "Muu palvelu sopii paremmin." }), HttpStatusCode.OK);
        await Expect(Send(worker, $"/api/referrals/{refused}/decision-draft", new
        {
            kind = "Refusing", reasons = "Tarpeeseen vastaa paremmin työkokeilu.", contactPerson = "Maija Meikäläinen", contactDetails = "09 123",
        }), HttpStatusCode.OK);
        Assert.IsType<CommandResult.Accepted>(await commands.ExecuteAsync(refused, new SignDecision(1) { By = new Actor("leader-c", Role.Signer, Unit) }, null, null));
        await Expect(Send(worker, $"/api/referrals/{refused}/decision-notification", new { method = "Letter", sentOn = today }), HttpStatusCode.OK);
        await Expect(Send(worker, $"/api/referrals/{refused}/request-for-review", new { receivedOn = today, requester = "Client" }), HttpStatusCode.OK);
        await Expect(Send(worker, $"/api/referrals/{refused}/request-for-review/decision", new { outcome = "Upheld", decidedOn = today, reasons = "Päätös pysyy." }), HttpStatusCode.OK);

        // Helsinki: the service written into the client plan, no decision.
        var helsinkiWorker = As(host.Token("worker-h", Role.ReferringWorker, "helsinki-adult-social-work"));
        var planned = await IdOf(helsinkiWorker.PostAsync("/api/referrals", Json(Submission(today) with { ProfileId = "helsinki" })), HttpStatusCode.Created);
        await Expect(Send(helsinkiWorker, $"/api/referrals/{planned}/service-in-client-plan", new { agreedOn = today, start = today }), HttpStatusCode.BadRequest);
        await Expect(Send(helsinkiWorker, $"/api/referrals/{planned}/service-in-client-plan", new
        {
            agreedOn = today, start = today, end = today.AddMonths(6), content = "Ryhmätoimintaa kerran viikossa.", esyRemeasurementMonth = 6,
        }), HttpStatusCode.OK);
        await Expect(Send(helsinkiWorker, $"/api/referrals/{planned}/service-start", new { startedOn = today, providerUnit = "no-such-provider" }),
            HttpStatusCode.UnprocessableEntity);

        // A withdrawn one; operations; the signing page refuses a link it does not know.
        var withdrawn = await IdOf(worker.PostAsync("/api/referrals", Json(Submission(today))), HttpStatusCode.Created);
        await Expect(Send(worker, $"/api/referrals/{withdrawn}/service-in-client-plan", new { agreedOn = today, start = today, content = "Ryhmätoimintaa." }),
            HttpStatusCode.UnprocessableEntity);
        await Expect(Send(worker, $"/api/referrals/{withdrawn}/case-owner", new { newOwner = "worker-c2" }), HttpStatusCode.BadRequest);
        await Expect(Send(worker, $"/api/referrals/{withdrawn}/case-owner", new { newOwner = "worker-c2", reason = "Vastuutyöntekijä vaihtuu." }), HttpStatusCode.OK);
        await Expect(Send(worker, $"/api/referrals/{withdrawn}/case-owner", new { newOwner = "worker-c3", reason = "Uudelleen." }), HttpStatusCode.Forbidden);
        await Expect(Send(worker, $"/api/referrals/{withdrawn}/withdrawal", new { reason = "Asiakas muutti." }), HttpStatusCode.OK);
        await Expect(Send(worker, $"/api/referrals/{withdrawn}/withdrawal", new { reason = "Uudelleen." }), HttpStatusCode.Conflict);
        await Expect(operatorClient.GetAsync("/api/operations/parked-mail"), HttpStatusCode.OK);
        await Expect(operatorClient.GetAsync("/api/configuration"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/api/configuration"), HttpStatusCode.Unauthorized);
        await Expect(operatorClient.PostAsync($"/api/operations/parked-mail/{withdrawn}/requeue", null), HttpStatusCode.OK, HttpStatusCode.NotFound);
        await Expect(anonymous.GetAsync("/signing/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), HttpStatusCode.NotFound, HttpStatusCode.Found);
        await Expect(anonymous.GetAsync("/decision-download/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), HttpStatusCode.NotFound);
        await Expect(anonymous.PostAsync("/decision-download/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            new FormUrlEncodedContent([new("identityCode", "x")])), HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.Gone);
        await Expect(anonymous.PostAsync("/signing/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            new FormUrlEncodedContent([new("decision", "sign")])), HttpStatusCode.NotFound, HttpStatusCode.Found, HttpStatusCode.BadRequest);

        Assert.True(checker.Violations.IsEmpty, "Answers the document does not describe:\n" + string.Join("\n", checker.Violations));
        var unmet = contract.Operations.Where(o => !checker.Seen.ContainsKey(o)).ToList();
        Assert.True(unmet.Count == 0, "Documented operations this test never met:\n" + string.Join("\n", unmet));
    }

    private sealed record Address(string Street, string PostalCode, string PostOffice);

    private sealed record SubmitBody(string ProfileId, string PersonalIdentityCode, string ServiceTypeCode, string AssessmentSummary, string[] Goals,
        DateOnly RequestedStart, string FullName, string Language, Address Address);

    private static SubmitBody Submission(DateOnly today) =>
        new(ReviewBody, "010594Y9021", "sr-group-activity", "Arvio tuen tarpeesta.", ["Arjen rytmi"], today.AddDays(14),
            "Matti Meikäläinen", "fi", new Address("Kotikatu 1 A 2", "01300", "Vantaa"));

    private static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body, body.GetType(), new JsonSerializerOptions(JsonSerializerDefaults.Web)), Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Upload()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "arvio.pdf");
        return form;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string path, object body, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> Expect(Task<HttpResponseMessage> send, params HttpStatusCode[] expected)
    {
        var response = await send;
        Assert.True(expected.Contains(response.StatusCode),
            $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static async Task<string> IdOf(Task<HttpResponseMessage> send, HttpStatusCode expected) =>
        JsonDocument.Parse(await (await Expect(send, expected)).Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
}

/// <summary>The validator itself can fail: answers that break the document are reported.</summary>
public sealed class OpenApiContractTests(Api.ApiFactory factory) : IClassFixture<Api.ApiFactory>
{
    [Theory]
    [InlineData("POST", "/api/referrals/r-1/review", 409, "application/problem+json", """{"type":"https://referrals.example/problems/conflict","title":"t","status":409}""", "code")]
    [InlineData("POST", "/api/referrals/r-1/review", 418, "application/problem+json", """{}""", "status not documented")]
    [InlineData("GET", "/api/referrals/r-1", 200, "text/html", "<p>", "media type")]
    [InlineData("GET", "/api/referrals/r-1/timeline", 200, "application/json", """{"items":[]}""", "/")]
    [InlineData("GET", "/api/nowhere", 200, "application/json", "{}", "no documented path")]
    public async Task An_answer_that_breaks_the_document_is_reported(string method, string path, int status, string media, string body, string expected)
    {
        var contract = new OpenApiContract(await factory.CreateClient().GetStringAsync("/api/openapi/v1.json"));
        var violations = contract.Check(method, path, status, new MediaTypeHeaderValue(media), body);
        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_null_where_an_enum_is_required_breaks_the_view()
    {
        var document = await factory.CreateClient().GetStringAsync("/api/openapi/v1.json");
        var contract = new OpenApiContract(document);
        var view = System.Text.Json.Nodes.JsonNode.Parse(document)!["paths"]!["/api/referrals/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["example"]!;
        var media = new MediaTypeHeaderValue("application/json");
        Assert.Empty(contract.Check("GET", "/api/referrals/r-1", 200, media, view.ToJsonString()));
        view["status"] = null;
        Assert.Contains(contract.Check("GET", "/api/referrals/r-1", 200, media, view.ToJsonString()), v => v.Contains("/status", StringComparison.Ordinal));
    }
}
