using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Referrals.Domain.Common;
using System.Text.Json;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Documents;

namespace Referrals.Functions.Tests.Api;

/// <summary>Every route × every role × own/other unit (and anonymous) gets exactly the expected status:
/// 401 without a token, 403 for a role that may not use the route, 404 for a referral outside the
/// caller's units (never revealing it exists), and success for the right role in its own unit. Units are
/// granted per role: a (role, unit) pair, never a role from one grant with a unit from another. A review
/// body member sees a referral only while the body holds it for review (not once it waits for the
/// signature, nor in service); the matrix runs in each of those states.
/// <para>Over the real command path: Own is a history of <see cref="Actors.Unit"/> (steering group, its service given by
/// <see cref="Actors.ProviderUnit"/>), Other the same history elsewhere (<see cref="History.Elsewhere"/>: another unit,
/// the Steppi team, another provider unit). Where the access check lets a caller through, the process answers: a
/// success, or its own refusal of the command in that state (409/422, 403 not-permitted, 404 with a code of its own);
/// either is the caller reaching the referral (<see cref="Matches"/>), never a 401, the edge's 403 or a hidden 404.</para></summary>
public sealed class RouteAccessMatrixTests : IClassFixture<ApiFactory>
{
    /// <summary>The referrals under test: fresh ones after any request that may have changed them (<see cref="Reset"/>).</summary>
    private static string Own = "", Other = "";
    private static bool dirty = true;
    private static ReferralStatus? givenFor;
    private static readonly Role[] Roles = [Role.ReferringWorker, Role.ReviewBodyMember, Role.Signer, Role.Auditor, Role.Operator, Role.ReportViewer, Role.ServiceProvider];
    private static readonly Role[] Readers = [Role.ReferringWorker, Role.ReviewBodyMember, Role.Signer, Role.Auditor];
    private readonly ApiFactory factory;

    public RouteAccessMatrixTests(ApiFactory factory)
    {
        this.factory = factory;
    }

    private static readonly ReferralStatus[] States = [ReferralStatus.AwaitingReview, ReferralStatus.AwaitingSignature, ReferralStatus.ServiceActive];
    private static ReferralStatus state = ReferralStatus.AwaitingSignature;

    private sealed record Route(string Name, HttpMethod Method, Func<bool, string> Path, Func<HttpContent?> Body, Func<Role, bool, HttpStatusCode> Expected);

    /// <summary>Whether the caller's grant reaches the referral in the state under test: the review body only while it holds it.</summary>
    private static bool Reaches(Role role, bool own) => own && role switch
    {
        Role.ReviewBodyMember => state == ReferralStatus.AwaitingReview,
        // The provider unit is recorded at the service start: before it, no provider reaches the referral.
        Role.ServiceProvider => state == ReferralStatus.ServiceActive,
        _ => true,
    };

    private static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    private static HttpStatusCode Read(Role role, bool own) =>
        Readers.Contains(role) ? (Reaches(role, own) ? HttpStatusCode.OK : HttpStatusCode.NotFound) : HttpStatusCode.Forbidden;

    /// <summary>The client record: the unit's referring workers and signer only (ClientRecordHandlers.Readers).</summary>
    private static HttpStatusCode ClientRecord(Role role, bool own) =>
        role is Role.ReferringWorker or Role.Signer ? (own ? HttpStatusCode.OK : HttpStatusCode.NotFound) : HttpStatusCode.Forbidden;

    private static Func<Role, bool, HttpStatusCode> OnReferral(Role allowed, HttpStatusCode success) => OnReferral([allowed], success);

    private static Func<Role, bool, HttpStatusCode> OnReferral(IReadOnlyList<Role> allowed, HttpStatusCode success) =>
        (role, own) => allowed.Contains(role) ? (Reaches(role, own) ? success : HttpStatusCode.NotFound) : HttpStatusCode.Forbidden;

    /// <summary>The referral itself: its readers, and the provider unit its service is assigned to (the provider's view).</summary>
    private static HttpStatusCode ReadReferral(Role role, bool own) =>
        role == Role.ServiceProvider ? (Reaches(role, own) ? HttpStatusCode.OK : HttpStatusCode.NotFound) : Read(role, own);

    /// <summary>The referral page: its readers; the provider's view has no measurements, so the page is 404 to every provider.</summary>
    private static HttpStatusCode ReferralPage(Role role, bool own) => role == Role.ServiceProvider ? HttpStatusCode.NotFound : Read(role, own);

    private static Func<Role, bool, HttpStatusCode> OnUnit(IReadOnlyList<Role> allowed, HttpStatusCode success) =>
        (role, own) => allowed.Contains(role) ? (own ? success : HttpStatusCode.Forbidden) : HttpStatusCode.Forbidden;

    private static Route Command(string segment, string json) =>
        new(segment, HttpMethod.Post, own => $"/api/referrals/{(own ? Own : Other)}/{segment}", () => Json(json), OnReferral(Role.ReferringWorker, HttpStatusCode.OK));

    // Dates in the bodies are on or before the fixed clock's day (TestTime.Now, the histories' service start): the process refuses a day to come.
    private static readonly Route[] Routes =
    [
        new("submit", HttpMethod.Post, _ => "/api/referrals",
            () => null!, OnUnit([Role.ReferringWorker], HttpStatusCode.Created)),
        new("list", HttpMethod.Get, own => $"/api/referrals?unit={(own ? Actors.Unit : Actors.OtherUnit)}", () => null,
            OnUnit([Role.ReferringWorker, Role.Signer, Role.Auditor], HttpStatusCode.OK)),
        new("get", HttpMethod.Get, own => $"/api/referrals/{(own ? Own : Other)}", () => null, ReadReferral),
        new("timeline", HttpMethod.Get, own => $"/api/referrals/{(own ? Own : Other)}/timeline", () => null, Read),
        new("decision", HttpMethod.Get, own => $"/api/referrals/{(own ? Own : Other)}/decision", () => null, Read),
        new("attachments", HttpMethod.Get, own => $"/api/referrals/{(own ? Own : Other)}/attachments", () => null, Read),
        new("instrument-chart", HttpMethod.Get, own => $"/api/referrals/{(own ? Own : Other)}/instrument-chart", () => null, Read),
        new("referral-page", HttpMethod.Get, own => $"/api/referrals/{(own ? Own : Other)}/page?lang=sv", () => null, ReferralPage),
        new("measurement-comparison", HttpMethod.Get, own => $"/api/referrals/{(own ? Own : Other)}/measurements/esy-example/comparison", () => null, Read),
        new("attachment", HttpMethod.Get, own => $"/api/referrals/{(own ? Own : Other)}/attachments/a-1", () => null, Read),
        new("add-attachment", HttpMethod.Post, own => $"/api/referrals/{(own ? Own : Other)}/attachments", Attachment,
            OnReferral(Role.ReferringWorker, HttpStatusCode.Created)),
        new("client", HttpMethod.Get, own => $"/api/referrals/{(own ? Own : Other)}/client", () => null, ClientRecord),
        Command("client/corrections", """{"address":{"street":"Uusikatu 2","postalCode":"01600","postOffice":"Vantaa"}}"""),
        new("access-log", HttpMethod.Get, own => $"/api/referrals/{(own ? Own : Other)}/access-log", () => null,
            OnReferral(Role.Auditor, HttpStatusCode.OK)),
        new("review-queue", HttpMethod.Get, own => $"/api/review-queue?reviewBody={(own ? Process.SteeringGroup : Process.SteppiTeam)}", () => null,
            OnUnit([Role.ReviewBodyMember], HttpStatusCode.OK)),
        new("review", HttpMethod.Post, own => $"/api/referrals/{(own ? Own : Other)}/review",
            () => Json("""{"outcome":"RequestInformation","reasons":"Lisää tietoa"}"""), OnReferral(Role.ReviewBodyMember, HttpStatusCode.OK)),
        // Reports: a ReportViewer of the authority (its grant names it) and an auditor of a unit in it; never another authority.
        new("report", HttpMethod.Get, own => $"/api/reports/volumes?period=2026&authority={(own ? "county" : "another-county")}", () => null,
            OnUnit([Role.ReportViewer, Role.Auditor], HttpStatusCode.OK)),
        new("report-csv", HttpMethod.Get, own => $"/api/reports/overview?format=csv&groupBy=unit&authority={(own ? "county" : "another-county")}", () => null,
            OnUnit([Role.ReportViewer, Role.Auditor], HttpStatusCode.OK)),
        new("report-page", HttpMethod.Get, own => $"/api/reports/overview?format=html&lang=sv&authority={(own ? "county" : "another-county")}", () => null,
            OnUnit([Role.ReportViewer, Role.Auditor], HttpStatusCode.OK)),
        // The configuration in force holds no personal data: anyone signed in reads it.
        new("configuration", HttpMethod.Get, _ => "/api/configuration", () => null, (_, _) => HttpStatusCode.OK),
        new("parked-mail", HttpMethod.Get, _ => "/api/operations/parked-mail", () => null,
            (role, _) => role == Role.Operator ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
        new("requeue-parked-mail", HttpMethod.Post, own => $"/api/operations/parked-mail/{(own ? Own : Other)}/requeue", () => null,
            (role, _) => role == Role.Operator ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
        Command("information", """{"text":"Lisätieto"}"""),
        Command("withdrawal", """{"reason":"Muutti"}"""),
        Command("joint-assessment", """{"assessedOn":"2026-04-01","counsellorId":"counsellor-1","summary":"s"}"""),
        Command("decision-draft", """{"kind":"Granting","reasons":"r","start":"2026-04-01","end":"2026-09-30","esyRemeasurementMonth":6,"contactPerson":"M","contactDetails":"p"}"""),
        Command("service-start", """{"startedOn":"2026-04-01"}"""),
        Command("client-plan", """{"agreedOn":"2026-03-02"}"""),
        Command("evaluations", """{"heldOn":"2026-03-02","notes":"n"}"""),
        Command("provider-reports", """{"receivedOn":"2026-03-02","summary":"s"}""") with { Expected = OnReferral([Role.ReferringWorker, Role.ServiceProvider], HttpStatusCode.OK) },
        Command("rehabilitation-plan", """{"agreedOn":"2026-03-02","summary":"s"}""") with { Expected = OnReferral(Role.ServiceProvider, HttpStatusCode.OK) },
        Command("esy-measurements", """{"measuredOn":"2026-03-02","scores":{"housing":3,"livelihood":3,"health":3,"substances":3,"relationships":3,"everyday-skills":3,"work-study":3,"leisure":3}}"""),
        Command("closure", """{"endedOn":"2026-03-02","summary":"s","feedbackCollected":true}"""),
        Command("service-in-client-plan", """{"agreedOn":"2026-03-01","start":"2026-04-01","content":"c"}"""),
        // The unit's leader or its case owner (a worker of the unit who is not is refused by the process: CaseOwnerAndClientPlanHttpSpecs).
        new("case-owner", HttpMethod.Post, own => $"/api/referrals/{(own ? Own : Other)}/case-owner", () => Json("""{"newOwner":"u2","reason":"r"}"""),
            (role, own) => role is Role.ReferringWorker or Role.Signer ? (own ? HttpStatusCode.OK : HttpStatusCode.NotFound) : HttpStatusCode.Forbidden),
        Command("decision-notification", """{"method":"Letter","sentOn":"2026-03-01"}"""),
        Command("request-for-review", """{"receivedOn":"2026-02-20","requester":"Client"}"""),
        Command("request-for-review/decision", """{"outcome":"Upheld","decidedOn":"2026-04-10","reasons":"r"}"""),
    ];

    private static HttpContent Attachment()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4 test"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "arvio.pdf");
        return form;
    }

    private static HttpContent Submit(bool own) => Json($$"""
        {"unit":"{{(own ? Actors.Unit : Actors.OtherUnit)}}","profileId":"{{Process.SteeringGroup}}","personalIdentityCode":"010181-900C","fullName":"Matti Meikäläinen","language":"fi","address":{"street":"Kotikatu 1 A 2","postalCode":"01300","postOffice":"Vantaa"},"serviceTypeCode":"sr-everyday-coaching",
         "assessmentSummary":"a","goals":["g"],"requestedStart":"2026-04-01"}
        """);

    /// <summary>Own and Other in the state under test (in service, Own's service is given by <see cref="Actors.ProviderUnit"/>,
    /// Other's by <see cref="Actors.OwnProviderUnit"/>), each with the attachment a-1; fresh ones only when a request may
    /// have changed the last ones or the state under test changed.</summary>
    private void Reset(bool always = false)
    {
        if (!always && !dirty && givenFor == state) return;
        Own = Given();
        Other = factory.Given(History.To(state).ForClient(SampleClient.Id).Elsewhere());
        foreach (var id in new[] { Own, Other })
            factory.Documents.Attachments[$"{id}/a-1"] = (new("a-1", "x.pdf", "application/pdf", 3, "00", TestTime.Now) { Scan = AttachmentScan.Clean }, "%PD"u8.ToArray());
        dirty = false;
        givenFor = state;
    }

    private string Given() => factory.Given(History.To(state).ForClient(SampleClient.Id));

    /// <summary>The user of each role in the histories (the case owner, the steering group's member, the unit's signer).</summary>
    private static string UserOf(Role role) => role switch
    {
        Role.ReferringWorker => Actors.Worker.UserId,
        Role.ReviewBodyMember => Actors.SteeringGroupMember.UserId,
        Role.Signer => Actors.Signer.UserId,
        _ => "u-" + role,
    };

    /// <summary>The answer is the expected one: the same status, or, where a success is expected, the process's own answer
    /// to the command in this state (the caller got through the access check).</summary>
    private static bool Matches((HttpStatusCode Status, string? Code) answer, HttpStatusCode expected)
    {
        if (answer.Status == expected) return answer.Status != HttpStatusCode.NotFound || answer.Code == "not-found";
        if ((int)expected is < 200 or >= 300) return false;
        return answer.Status switch
        {
            HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity => true,
            HttpStatusCode.Forbidden => answer.Code is not null && answer.Code != "forbidden",
            HttpStatusCode.NotFound => answer.Code is not null && answer.Code != "not-found",
            _ => false,
        };
    }

    private static string Show((HttpStatusCode Status, string? Code) answer) => $"{(int)answer.Status}{(answer.Code is null ? "" : " " + answer.Code)}";

    [Fact]
    public async Task Every_route_role_and_unit_gets_the_expected_status()
    {
        var mismatches = new List<string>();
        var refusedByTheProcess = new List<string>();
        var checkedCount = 0;
        foreach (var status in States)
        foreach (var route in Routes)
        foreach (var own in new[] { true, false })
        {
            state = status;
            foreach (var role in Roles)
            {
                Reset();
                var units = role switch { Role.ReviewBodyMember => new[] { Process.SteeringGroup }, Role.ReportViewer => ["county"], Role.ServiceProvider => [Actors.ProviderUnit], _ => [Actors.Unit] };
                var answer = await Send(factory.ClientWith(factory.Token(UserOf(role), role, units)), route, own);
                checkedCount++;
                var expected = route.Expected(role, own);
                if (!Matches(answer, expected)) mismatches.Add($"{state}: {route.Name} {(own ? "own" : "other")} as {role}: {Show(answer)}, expected {(int)expected}");
                else if (answer.Status != expected) refusedByTheProcess.Add($"{state}: {route.Name} as {role}: {Show(answer)}");
            }
            Reset();
            var anonymous = await Send(factory.ClientWith(null), route, own);
            checkedCount++;
            if (anonymous.Status != HttpStatusCode.Unauthorized) mismatches.Add($"{route.Name} anonymous: {Show(anonymous)}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Equal(States.Length * Routes.Length * 2 * (Roles.Length + 1), checkedCount);
        // Each route succeeds for its role in at least one of the states, so its access check is seen to let the right caller
        // through; except these, which the process takes only in a state or profile outside the matrix (their HTTP specifications
        // and EndToEnd tests run them there).
        string[] elsewhere = ["information", "joint-assessment", "decision-draft", "service-start", "service-in-client-plan",
            "decision-notification", "request-for-review/decision"];
        var neverSucceeded = Routes.Select(r => r.Name)
            .Where(name => States.All(st => refusedByTheProcess.Any(x => x.StartsWith($"{st}: {name} as ", StringComparison.Ordinal))))
            .ToList();
        Assert.True(elsewhere.Order().SequenceEqual(neverSucceeded.Order()), "refused by the process in every state:\n" + string.Join("\n", refusedByTheProcess));
    }

    /// <summary>Two callers with a role in each of two units: every route on both referrals answers as the
    /// (role, unit) pairs say, never as the role of one grant in the unit of the other.</summary>
    [Fact]
    public async Task Roles_are_checked_with_the_unit_they_were_granted_in()
    {
        state = ReferralStatus.AwaitingReview;
        // Worker in unit A, auditor in unit B.
        var workerAuditor = factory.ClientWith(factory.Token("u-mixed", [new("ReferringWorker", Actors.Unit), new("Auditor", Actors.OtherUnit)]));
        // Member of the Steppi team, worker in unit A: Other (unit B, the Steppi team) is reviewable, Own (unit A) is workable.
        var memberWorker = factory.ClientWith(factory.Token("u-mixed2", [new("ReviewBodyMember", Process.SteppiTeam), new("ReferringWorker", Actors.Unit)]));
        var expectations = new (HttpClient Client, string Who, string Route, bool Own, HttpStatusCode Expected)[]
        {
            (workerAuditor, "worker A + auditor B", "submit", true, HttpStatusCode.Created),
            (workerAuditor, "worker A + auditor B", "submit", false, HttpStatusCode.Forbidden),
            (workerAuditor, "worker A + auditor B", "information", true, HttpStatusCode.OK),
            (workerAuditor, "worker A + auditor B", "information", false, HttpStatusCode.NotFound),
            (workerAuditor, "worker A + auditor B", "withdrawal", false, HttpStatusCode.NotFound),
            (workerAuditor, "worker A + auditor B", "add-attachment", false, HttpStatusCode.NotFound),
            (workerAuditor, "worker A + auditor B", "get", false, HttpStatusCode.OK),
            (workerAuditor, "worker A + auditor B", "list", false, HttpStatusCode.OK),
            (workerAuditor, "worker A + auditor B", "access-log", false, HttpStatusCode.OK),
            (workerAuditor, "worker A + auditor B", "access-log", true, HttpStatusCode.NotFound),
            // The auditor of B does not read B's client record, and the worker of A does not reach B's.
            (workerAuditor, "worker A + auditor B", "client", false, HttpStatusCode.NotFound),
            (workerAuditor, "worker A + auditor B", "client", true, HttpStatusCode.OK),
            (workerAuditor, "worker A + auditor B", "client/corrections", false, HttpStatusCode.NotFound),
            (workerAuditor, "worker A + auditor B", "case-owner", false, HttpStatusCode.NotFound),
            (workerAuditor, "worker A + auditor B", "case-owner", true, HttpStatusCode.OK),
            (memberWorker, "member B + worker A", "review", false, HttpStatusCode.OK),
            (memberWorker, "member B + worker A", "review", true, HttpStatusCode.NotFound),
            (memberWorker, "member B + worker A", "information", false, HttpStatusCode.NotFound),
            (memberWorker, "member B + worker A", "review-queue", false, HttpStatusCode.OK),
            (memberWorker, "member B + worker A", "review-queue", true, HttpStatusCode.Forbidden),
            (memberWorker, "member B + worker A", "list", false, HttpStatusCode.Forbidden),
            (memberWorker, "member B + worker A", "submit", false, HttpStatusCode.Forbidden),
        };
        var mismatches = new List<string>();
        foreach (var (client, who, name, own, expected) in expectations)
        {
            Reset();
            var answer = await Send(client, Routes.Single(r => r.Name == name), own);
            if (!Matches(answer, expected)) mismatches.Add($"{name} {(own ? "own" : "other")} as {who}: {Show(answer)}, expected {(int)expected}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>A worker in unit A who is also the provider of Other's provider unit (in service): on Other it
    /// acts as the provider only (its view, its report and plan), never as a worker of Other's unit.</summary>
    [Fact]
    public async Task A_provider_grant_reaches_only_the_referrals_assigned_to_its_unit()
    {
        state = ReferralStatus.ServiceActive;
        var workerProvider = factory.ClientWith(factory.Token("u-mixed3", [new("ReferringWorker", Actors.Unit), new("ServiceProvider", Actors.OwnProviderUnit)]));
        var expectations = new (string Route, bool Own, HttpStatusCode Expected)[]
        {
            ("get", false, HttpStatusCode.OK),
            ("provider-reports", false, HttpStatusCode.OK),
            ("rehabilitation-plan", false, HttpStatusCode.OK),
            ("rehabilitation-plan", true, HttpStatusCode.NotFound),
            ("information", false, HttpStatusCode.NotFound),
            ("timeline", false, HttpStatusCode.NotFound),
            ("client", false, HttpStatusCode.NotFound),
            ("evaluations", false, HttpStatusCode.NotFound),
            ("list", false, HttpStatusCode.Forbidden),
            ("get", true, HttpStatusCode.OK),
        };
        var mismatches = new List<string>();
        foreach (var (name, own, expected) in expectations)
        {
            Reset();
            var answer = await Send(workerProvider, Routes.Single(r => r.Name == name), own);
            if (!Matches(answer, expected)) mismatches.Add($"{name} {(own ? "own" : "other")}: {Show(answer)}, expected {(int)expected}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Reset(always: true);
        var view = await workerProvider.GetStringAsync($"/api/referrals/{Other}");
        Assert.DoesNotContain("clientId", view, StringComparison.Ordinal);
        Assert.Contains("clientId", await workerProvider.GetStringAsync($"/api/referrals/{Own}"), StringComparison.Ordinal);
    }

    /// <summary>The review body reads the referral while it holds it (its line pending, or the information
    /// it asked for), and no longer once its line has moved the referral on to drafting, signing or service.</summary>
    [Theory]
    [InlineData(ReferralStatus.AwaitingReview, HttpStatusCode.OK)]
    [InlineData(ReferralStatus.AwaitingInformation, HttpStatusCode.OK)]
    [InlineData(ReferralStatus.AwaitingGrantingDraft, HttpStatusCode.NotFound)]
    [InlineData(ReferralStatus.AwaitingSignature, HttpStatusCode.NotFound)]
    [InlineData(ReferralStatus.AwaitingServiceStart, HttpStatusCode.NotFound)]
    [InlineData(ReferralStatus.ServiceActive, HttpStatusCode.NotFound)]
    [InlineData(ReferralStatus.Closed, HttpStatusCode.NotFound)]
    public async Task A_review_body_reads_a_referral_only_while_it_holds_it(ReferralStatus status, HttpStatusCode expected)
    {
        var held = factory.Given(History.To(status));
        var member = factory.ClientAs(Actors.SteeringGroupMember);
        foreach (var path in new[] { $"/api/referrals/{held}", $"/api/referrals/{held}/timeline", $"/api/referrals/{held}/attachments" })
            Assert.Equal(expected, (await member.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/api/health/live")]
    [InlineData("/api/openapi/v1.json")]
    [InlineData("/api/docs/")]
    public async Task Public_routes_answer_anyone(string path)
    {
        foreach (var client in Roles.Select(r => factory.ClientAs(r, Actors.Unit)).Append(factory.ClientWith(null)))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    /// <summary>The status and the problem's code, if any; a request that may have changed a referral marks them for renewal.</summary>
    private static async Task<(HttpStatusCode Status, string? Code)> Send(HttpClient client, Route route, bool own)
    {
        using var request = new HttpRequestMessage(route.Method, route.Path(own)) { Content = route.Name == "submit" ? Submit(own) : route.Body() };
        using var response = await client.SendAsync(request);
        if (route.Method != HttpMethod.Get && response.IsSuccessStatusCode) dirty = true;
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("code", out var value))
            code = value.GetString();
        return (response.StatusCode, code);
    }
}
