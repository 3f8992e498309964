using System.Net.Http.Headers;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using System.Text;
using System.Text.RegularExpressions;
using Referrals.Domain.Common;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Referrals.Functions.AzureTests.Support;
using Referrals.Functions.Tests.AzureHost;
using static Referrals.Functions.AzureTests.Support.TestSide;

namespace Referrals.Functions.AzureTests;

/// <summary>Every HTTP trigger of the Azure build, called as the Functions worker calls it, answers exactly
/// what the standalone host answers on the same route for the same request (status, headers, body), and
/// leaves the same in storage and the ports (the events the real command path appended, the idempotency key
/// and If-Match version of each command, the access-log rows), each side on its own tables with the same
/// given histories: a trigger that recursed would end this run with a stack overflow, one that threw or
/// dropped a header, a query value or a route value fails here.</summary>
public sealed partial class HttpTriggerTests
{
    private const string Json = "application/json";

    /// <summary>Served by both hosts but differently (see FunctionsMetadataTests in Functions.Tests): checked on their own below and in <see cref="ApiDocsTests"/>.</summary>
    private static readonly string[] ServedDifferently = ["OpenApiDocument", "ApiDocs", "ApiDocsScript"];

    private sealed record Case(Role? Role, string[] Units, string PathAndQuery, string? Body = null, string ContentType = Json,
        bool Keyed = false, bool Versioned = false, Func<byte[]>? RawBody = null);

    /// <summary>A command of the case owner's unit on <paramref name="on"/> (a referral in the state the command needs).</summary>
    private static Case Command(string segment, string body, string on = Own) =>
        new(Role.ReferringWorker, [Unit], $"/api/referrals/{on}/{segment}", body, Keyed: true, Versioned: true);

    /// <summary>The referral a case's path names (null for a route on none).</summary>
    private static string? ReferralOf(Case @case) =>
        @case.PathAndQuery.StartsWith("/api/referrals/", StringComparison.Ordinal) ? @case.PathAndQuery.Split('/', '?')[3] : null;

    private const string AllScores = """{"housing":3,"livelihood":3,"health":3,"substances":3,"relationships":3,"everyday-skills":3,"work-study":3,"leisure":3}""";

    /// <summary>A request per HTTP function, by function name; every function must have one.</summary>
    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["SubmitReferral"] = new(Role.ReferringWorker, [Unit], "/api/referrals",
            """{"unit":"vantaa-adult-social-work","profileId":"vantaa-steering-group","personalIdentityCode":"010181-900C","fullName":"Matti Meikäläinen","language":"fi","address":{"street":"Kotikatu 1 A 2","postalCode":"01300","postOffice":"Vantaa"},"serviceTypeCode":"sr-everyday-coaching","assessmentSummary":"a","goals":["g"],"requestedStart":"2026-04-01"}""",
            Keyed: true),
        ["ListReferrals"] = new(Role.ReferringWorker, [Unit], "/api/referrals?unit=vantaa-adult-social-work&status=AwaitingSignature&limit=5"),
        ["GetReferral"] = new(Role.ReferringWorker, [Unit], $"/api/referrals/{Own}"),
        ["GetTimeline"] = new(Role.Auditor, [Unit], $"/api/referrals/{Own}/timeline"),
        ["GetClientRecord"] = new(Role.Signer, [Unit], $"/api/referrals/{Own}/client"),
        ["CorrectClientRecord"] = Command("client/corrections", """{"fullName":"Maija Korjattu","interpreterLanguage":"viittomakieli"}""", InReview),
        ["SupplementInformation"] = Command("information", """{"text":"Lisätieto"}""", Informing),
        ["WithdrawReferral"] = Command("withdrawal", """{"reason":"Muutti"}"""),
        ["ReviewReferral"] = new(Role.ReviewBodyMember, [ReviewBody], $"/api/referrals/{InReview}/review",
            """{"outcome":"RequestInformation","reasons":"Lisää tietoa"}""", Keyed: true, Versioned: true),
        ["ReviewQueue"] = new(Role.ReviewBodyMember, [ReviewBody], "/api/review-queue?reviewBody=vantaa-steering-group"),
        ["GetReviewLines"] = new(Role.ReviewBodyMember, [ReviewBody], $"/api/referrals/{Own}/review-lines"),
        ["RecordJointAssessment"] = Command("joint-assessment", """{"assessedOn":"2026-03-01","counsellorId":"counsellor-1","summary":"s"}""", Espoo),
        ["DraftDecision"] = Command("decision-draft",
            """{"kind":"Granting","reasons":"r","start":"2026-04-01","end":"2026-09-30","esyRemeasurementMonth":6,"contactPerson":"M","contactDetails":"p"}""", Drafting),
        ["GetDecision"] = new(Role.Signer, [Unit], $"/api/referrals/{Own}/decision"),
        ["RecordDecisionNotification"] = Command("decision-notification", """{"method":"Letter","sentOn":"2026-03-01"}""", Unnotified),
        ["RecordRequestForReview"] = Command("request-for-review", """{"receivedOn":"2026-03-01","requester":"Client"}""", SignedReferral),
        ["RecordRequestForReviewDecision"] = Command("request-for-review/decision", """{"outcome":"Upheld","decidedOn":"2026-03-01","reasons":"r"}""", Requested),
        ["StartService"] = Command("service-start", """{"startedOn":"2026-03-02","providerUnit":"vantaa-purchased-coaching"}""", SignedReferral),
        ["RecordClientPlan"] = Command("client-plan", """{"agreedOn":"2026-03-02"}""", Provided),
        ["RecordServiceInClientPlan"] = new(Role.ReferringWorker, [Actors.HelsinkiWorker.Unit], $"/api/referrals/{Helsinki}/service-in-client-plan",
            """{"agreedOn":"2026-03-01","start":"2026-03-02","content":"c"}""", Keyed: true, Versioned: true),
        ["ChangeCaseOwner"] = new(Role.Signer, [Unit], $"/api/referrals/{Own}/case-owner", """{"newOwner":"u2","reason":"r"}""", Keyed: true, Versioned: true),
        ["RecordEvaluation"] = Command("evaluations", """{"heldOn":"2026-03-02","notes":"n"}""", Provided),
        ["RecordProviderReport"] = Command("provider-reports", """{"receivedOn":"2026-03-02","summary":"s"}""", Provided),
        ["RecordRehabilitationPlan"] = new(Role.ServiceProvider, [ProviderUnit], $"/api/referrals/{Provided}/rehabilitation-plan",
            """{"agreedOn":"2026-03-02","summary":"s"}""", Keyed: true, Versioned: true),
        ["RecordEsyMeasurement"] = Command("esy-measurements", $$"""{"measuredOn":"2026-03-02","scores":{{AllScores}}}""", Provided),
        ["CloseService"] = Command("closure", """{"endedOn":"2026-03-02","summary":"s","feedbackCollected":true}""", Provided),
        ["AddAttachment"] = new(Role.ReferringWorker, [Unit], $"/api/referrals/{Own}/attachments",
            ContentType: "multipart/form-data; boundary=trigger-test", Keyed: true, RawBody: Multipart),
        ["ListAttachments"] = new(Role.ReferringWorker, [Unit], $"/api/referrals/{Own}/attachments"),
        ["GetAttachment"] = new(Role.ReferringWorker, [Unit], $"/api/referrals/{Own}/attachments/{AttachmentId}"),
        ["GetAccessLog"] = new(Role.Auditor, [Unit], $"/api/referrals/{Own}/access-log"),
        ["ShowSigningPage"] = new(null, [], $"/signing/{SigningToken}"),
        ["ActOnSigningPage"] = new(null, [], $"/signing/{SigningToken}", "decision=return&comment=Korjaa", "application/x-www-form-urlencoded"),
        ["ShowDecisionDownloadPage"] = new(null, [], $"/decision-download/{DownloadToken}"),
        ["DownloadDecision"] = new(null, [], $"/decision-download/{DownloadToken}", "identityCode=010181-900C&lang=sv", "application/x-www-form-urlencoded"),
        ["GetInstrumentChart"] = new(Role.Auditor, [Unit], $"/api/referrals/{Own}/instrument-chart?lang=sv"),
        ["GetReferralPage"] = new(Role.ReferringWorker, [Unit], $"/api/referrals/{Own}/page?lang=sv"),
        ["GetMeasurementComparison"] = new(Role.Signer, [Unit], $"/api/referrals/{Own}/measurements/esy-example/comparison"),
        ["GetReport"] = new(Role.ReportViewer, ["county"], "/api/reports/overview?period=2026-Q1&groupBy=unit&unit=vantaa-adult-social-work&format=csv"),
        ["ParkedMail"] = new(Role.Operator, [Unit], "/api/operations/parked-mail"),
        ["GetConfiguration"] = new(Role.Auditor, [Unit], "/api/configuration"),
        ["RequeueParkedMail"] = new(Role.Operator, [Unit], $"/api/operations/parked-mail/{Own}/requeue?row=out-0000000002-001", "{}"),
        ["Health"] = new(null, [], "/api/health"),
        ["Liveness"] = new(null, [], "/api/health/live"),
        ["OpenApiDocument"] = new(null, [], "/api/openapi/v1.json"),
        ["ApiDocs"] = new(null, [], "/api/docs"),
        ["ApiDocsScript"] = new(null, [], "/api/docs/scalar.js"),
    };

    public static TheoryData<string> HttpFunctions => new(Triggers.Http.Select(f => f.Name));

    [Fact]
    public void Every_http_function_of_the_azure_build_has_a_case_here()
    {
        Assert.True(Triggers.Http.Count >= 27, $"only {Triggers.Http.Count} HTTP functions found");
        Assert.Equal(Cases.Keys.Order(StringComparer.Ordinal), Triggers.Http.Select(f => f.Name));
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task The_trigger_answers_what_the_standalone_host_answers_on_its_route(string name)
    {
        if (ServedDifferently.Contains(name)) return;
        var function = Triggers.Named(name);
        var @case = Cases[name];

        await using var standalone = await StandaloneAsync();
        var request = RequestFor(function, @case, standalone);
        await using var azure = ForTriggers();
        var client = Triggers.DurableClient();
        if (name == "ActOnSigningPage")
        {
            // A real click: the form's anti-forgery cookie and field, from each host's own signing page.
            var expectedForm = await SendAsync(standalone, RequestFor(Triggers.Named("ShowSigningPage"), Cases["ShowSigningPage"], standalone));
            var actualForm = await Triggers.InvokeAsync(Triggers.Named("ShowSigningPage"), azure.Services,
                RequestFor(Triggers.Named("ShowSigningPage"), Cases["ShowSigningPage"], azure), client.Object);
            var expected0 = await SendAsync(standalone, WithForm(request, expectedForm));
            var actual0 = await Triggers.InvokeAsync(function, azure.Services, WithForm(request, actualForm), client.Object);
            await CompareAsync(name, @case, standalone, azure, expected0, actual0);
            return;
        }
        var expected = await SendAsync(standalone, request);
        var actual = await Triggers.InvokeAsync(function, azure.Services, request, client.Object);
        await CompareAsync(name, @case, standalone, azure, expected, actual);
    }

    private static async Task CompareAsync(string name, Case @case, TestSide standalone, TestSide azure, TestResponse expected, TestResponse actual)
    {
        Assert.True(expected.Status is >= 200 and < 300,
            $"{name}: the standalone host answered {expected.Status} to the test's request; make the case a successful one\n{expected.Text}");
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(Comparable(expected.Headers), Comparable(actual.Headers));
        Assert.Equal(Normalised(expected.Text), Normalised(actual.Text));

        // What the command path left: the same events appended on both sides; the same access-log rows.
        var appended = await standalone.AppendedAsync();
        Assert.Equal(appended, await azure.AppendedAsync());
        Assert.Equal(standalone.AccessLog.Records.Select(r => r with { At = default }), azure.AccessLog.Records.Select(r => r with { At = default }));
        Assert.Equal(standalone.Documents.Attachments.Keys.Order(), azure.Documents.Attachments.Keys.Order());
        var referral = ReferralOf(@case);
        if (@case.Keyed) // the key reached the command path (kept on the referral for a retry), or (uploads) the blob id derived from it
        {
            var submitted = name == "SubmitReferral" ? expected.Headers["Location"].Split('/')[^1] : referral!;
            Assert.True(await standalone.KeptKeyAsync(submitted, KeyOf(name)) && await azure.KeptKeyAsync(submitted, KeyOf(name))
                        || standalone.Documents.Attachments.Keys.Contains($"{Own}/{IdempotencyKeys.AttachmentIdFor(Own, KeyOf(name))}"),
                $"{name}: the Idempotency-Key did not reach the command path");
        }
        // If-Match named the given version (the request's), and the command was taken at it.
        if (@case.Versioned) Assert.Contains(appended, e => e.StartsWith($"{referral} {Histories[referral!].Count + 1} ", StringComparison.Ordinal));
        // A trigger that commits a command wakes the referral's clock through its invocation's durable client.
        if (appended.Count > 0)
            Assert.True(Triggers.Named(name).Method.GetParameters().Any(p =>
                    p.ParameterType == typeof(DurableTaskClient) && p.GetCustomAttribute<DurableClientAttribute>() is not null),
                $"{name} commits a command but declares no [DurableClient] DurableTaskClient");
    }

    /// <summary>The request with the anti-forgery cookie and form field of a signing page answer.</summary>
    private static TestRequest WithForm(TestRequest request, TestResponse form)
    {
        Assert.Equal(200, form.Status);
        var cookie = form.Headers["Set-Cookie"].Split(';')[0];
        var check = FormCheckValue().Match(form.Text).Groups["value"].Value;
        Assert.NotEmpty(check);
        var body = Encoding.UTF8.GetString(request.Body!) + "&form-check=" + Uri.EscapeDataString(System.Net.WebUtility.HtmlDecode(check));
        return request with
        {
            Headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["Cookie"] = cookie },
            Body = Encoding.UTF8.GetBytes(body),
        };
    }

    [Fact]
    public async Task A_5xx_on_the_signing_trigger_logs_the_route_template_never_the_token()
    {
        await using var azure = ForTriggers();
        azure.Grants.Fault = new InvalidOperationException("storage fault");
        var function = Triggers.Named("ShowSigningPage");
        var response = await Triggers.InvokeAsync(function, azure.Services, RequestFor(function, Cases["ShowSigningPage"], azure), Triggers.DurableClient().Object);
        Assert.Equal(500, response.Status);
        var lines = azure.Logs.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("Unhandled System.InvalidOperationException on GET /signing/{token}", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(TestSide.SigningToken, StringComparison.Ordinal));
        Assert.Equal("/api/referrals/{id}/attachments/{attachmentId}", global::Referrals.Functions.Edge.ApiTrigger.RouteTemplateOf("/api/referrals/r-1/attachments/a-1"));
        Assert.Equal("?", global::Referrals.Functions.Edge.ApiTrigger.RouteTemplateOf("/nothing/" + TestSide.SigningToken));
    }

    [Fact]
    public async Task A_stale_if_match_reaches_every_command_trigger_as_412()
    {
        foreach (var (name, @case) in Cases.Where(c => c.Value.Versioned))
        {
            await using var azure = ForTriggers();
            var request = RequestFor(Triggers.Named(name), @case, azure) with
            {
                // Not the referral's version (its given history's length).
                Headers = new Dictionary<string, string>(RequestFor(Triggers.Named(name), @case, azure).Headers) { ["If-Match"] = $"\"{Histories[ReferralOf(@case)!].Count + 5}\"" },
            };
            var response = await Triggers.InvokeAsync(Triggers.Named(name), azure.Services, request, Triggers.DurableClient().Object);
            Assert.True(response.Status == 412, $"{name}: {response.Status} with a stale If-Match\n{response.Text}");
        }
    }

    [Fact]
    public async Task The_openapi_function_serves_the_committed_document()
    {
        await using var azure = ForTriggers();
        var function = Triggers.Named("OpenApiDocument");
        var response = await Triggers.InvokeAsync(function, azure.Services, RequestFor(function, Cases["OpenApiDocument"], azure), Triggers.DurableClient().Object);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/json", response.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(RepositoryFiles.Read("docs/openapi.v1.json"), response.Text);
    }

    private static string KeyOf(string function) => $"key-{function}";

    private static TestRequest RequestFor(HttpFunction function, Case @case, TestSide side)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Accept-Language"] = "sv" };
        if (@case.Role is { } role) headers["Authorization"] = $"Bearer {side.Token(role, @case.Units)}";
        if (function.Name is "ShowSigningPage" or "ActOnSigningPage") headers["X-MS-CLIENT-PRINCIPAL"] = TestSide.SignerPrincipal;
        if (@case.Keyed) headers["Idempotency-Key"] = KeyOf(function.Name);
        if (@case.Versioned) headers["If-Match"] = $"\"{Histories[ReferralOf(@case)!].Count}\"";
        var body = @case.RawBody?.Invoke() ?? (@case.Body is null ? null : Encoding.UTF8.GetBytes(@case.Body));
        return new TestRequest(function.Methods[0], @case.PathAndQuery, headers, body, body is null ? null : @case.ContentType);
    }

    private static async Task<TestResponse> SendAsync(TestSide side, TestRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery);
        foreach (var (name, value) in request.Headers) message.Headers.TryAddWithoutValidation(name, value);
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType!);
        }
        using var response = await side.Client().SendAsync(message);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers)) headers[name] = string.Join(", ", values);
        return new TestResponse((int)response.StatusCode, headers, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Headers a handler sets; transport headers (length, date, server) are the server's business.
    /// Cookie values are random (anti-forgery), their names and attributes are compared.</summary>
    private static SortedDictionary<string, string> Comparable(IReadOnlyDictionary<string, string> headers) =>
        new(headers
            .Where(h => h.Key is not ("Content-Length" or "Date" or "Server" or "Transfer-Encoding"))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Key.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase)
                ? CookieValue().Replace(h.Value, "=…;")
                : h.Value), StringComparer.Ordinal);

    /// <summary>Per-request values: the trace id in problems, the anti-forgery field.</summary>
    private static string Normalised(string body) => FormCheck().Replace(TraceId().Replace(body, "\"traceId\":\"…\""), "value=\"…\"");

    private static byte[] Multipart() => Encoding.UTF8.GetBytes(
        "--trigger-test\r\nContent-Disposition: form-data; name=\"file\"; filename=\"arvio.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" +
        "%PDF-1.4 test\r\n--trigger-test--\r\n");

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    [GeneratedRegex("(?<=name=\"form-check\" )value=\"[^\"]*\"")]
    private static partial Regex FormCheck();

    [GeneratedRegex("name=\"form-check\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex FormCheckValue();

    [GeneratedRegex("=[^;]*;")]
    private static partial Regex CookieValue();
}
