using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Tests.Api;

/// <summary>Every error is an RFC 9457 problem with a stable type, a localised title and field errors;
/// nothing a client can send produces a 500.</summary>
public sealed class ProblemDetailsTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory factory;

    /// <summary>A referral awaiting the information its review body asked for (so "information" is a command the process takes).</summary>
    private readonly string id;

    public ProblemDetailsTests(ApiFactory factory)
    {
        this.factory = factory;
        id = factory.Given(History.AwaitingInformation);
    }

    private HttpClient Worker() => factory.ClientAs(Role.ReferringWorker, Actors.Unit);

    /// <summary>Nothing was appended to the given history.</summary>
    private void NothingAppended() => Assert.Equal(History.AwaitingInformation.Length, factory.Events(id).Count);

    /// <summary>"information" posted to a host whose real command path is made to answer <paramref name="answer"/>.</summary>
    private static async Task<(HttpStatusCode Status, string? MediaType, string Body, int Events)> InformationAnsweredAsync(
        Func<ReferralState, ReferralCommand, CommandResult?> answer)
    {
        using var forced = new ApiFactory { DecorateCommands = real => new ForcedCommands(real, answer) };
        var id = forced.Given(History.AwaitingInformation);
        using var response = await forced.ClientAs(Role.ReferringWorker, Actors.Unit)
            .PostAsync($"/api/referrals/{id}/information", Json("""{"text":"x"}"""));
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), forced.Events(id).Count);
    }

    private static StringContent Json(string json, string type = "application/json") => new(json, Encoding.UTF8, type);

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Theory]
    [InlineData("{not json", "validation")]
    [InlineData("{\"text\": 5}", "validation")]
    [InlineData("[1,2]", "validation")]
    [InlineData("null", "malformed-json")]
    [InlineData("{\"text\":\"x\",\"unknown\":1}", "validation")]
    public async Task Malformed_json_is_400_with_a_problem(string body, string code)
    {
        var response = await Worker().PostAsync($"/api/referrals/{id}/information", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal($"https://referrals.example/problems/{code}", problem.GetProperty("type").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Missing_fields_are_listed_per_field_in_finnish_by_default()
    {
        var response = await Worker().PostAsync($"/api/referrals/{id}/decision-draft", Json("{}"));
        var problem = await ProblemOf(response);
        var errors = problem.GetProperty("errors");
        Assert.Equal("Pakollinen tieto puuttuu.", errors.GetProperty("reasons")[0].GetString());
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("contactPerson", out _));
        Assert.Equal("Tiedoissa on puutteita tai virheitä.", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("sv-FI", "Uppgifterna är ofullständiga eller felaktiga.")]
    [InlineData("en-GB,fi;q=0.5", "Some details are missing or invalid.")]
    [InlineData("de", "Tiedoissa on puutteita tai virheitä.")]
    public async Task Accept_language_chooses_the_language(string acceptLanguage, string title)
    {
        var client = Worker();
        client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        var problem = await ProblemOf(await client.PostAsync($"/api/referrals/{id}/withdrawal", Json("{}")));
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/referrals/r-1/service-start", """{"startedOn":"9999-12-31"}""", "startedOn")]
    [InlineData("/api/referrals/r-1/closure", """{"endedOn":"0001-01-01","summary":"s"}""", "endedOn")]
    [InlineData("/api/referrals/r-1/decision-draft", """{"kind":"Granting","reasons":"r","contactPerson":"c","contactDetails":"d","end":"9999-12-31"}""", "end")]
    public async Task Far_off_dates_and_numbers_are_refused_at_the_edge(string path, string body, string field)
    {
        var response = await Worker().PostAsync(path.Replace("r-1", id, StringComparison.Ordinal), Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemOf(response)).GetProperty("errors").TryGetProperty(field, out _));
        NothingAppended();
    }

    [Fact]
    public async Task Another_content_type_is_415()
    {
        var response = await Worker().PostAsync($"/api/referrals/{id}/information", Json("text=x", "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("https://referrals.example/problems/unsupported-media-type", (await ProblemOf(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_body_past_the_limit_is_413()
    {
        var body = JsonSerializer.Serialize(new { text = new string('x', 70_000) });
        var response = await Worker().PostAsync($"/api/referrals/{id}/information", Json(body));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await ProblemOf(response);
    }

    [Fact]
    public async Task No_token_is_401_with_a_problem_body()
    {
        var response = await factory.ClientWith(null).GetAsync($"/api/referrals/{id}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("https://referrals.example/problems/unauthorized", (await ProblemOf(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_forged_token_is_401()
    {
        var token = factory.Token(Role.ReferringWorker, "unit-a");
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientWith(forged).GetAsync($"/api/referrals/{id}")).StatusCode);
    }

    [Fact]
    public async Task Wrong_method_and_unknown_route_are_problems()
    {
        var put = await Worker().PutAsync($"/api/referrals/{id}/information", Json("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        await ProblemOf(put);
        var missing = await Worker().GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await ProblemOf(missing);
    }

    [Theory]
    [InlineData(RejectionCode.InvalidState, HttpStatusCode.Conflict, "invalid-state")]
    [InlineData(RejectionCode.ReferralEnded, HttpStatusCode.Conflict, "referral-ended")]
    [InlineData(RejectionCode.AgeOutOfRange, HttpStatusCode.UnprocessableEntity, "age-out-of-range")]
    [InlineData(RejectionCode.EsyMonthOutOfRange, HttpStatusCode.UnprocessableEntity, "esy-month-out-of-range")]
    [InlineData(RejectionCode.NotPermitted, HttpStatusCode.Forbidden, "not-permitted")]
    public async Task Rejections_by_the_process_map_to_409_422_403(RejectionCode code, HttpStatusCode status, string type)
    {
        var response = await InformationAnsweredAsync((_, _) => new CommandResult.Rejected(new Rejection(code)));
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        var problem = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal($"https://referrals.example/problems/{type}", problem.GetProperty("type").GetString());
        Assert.Equal(History.AwaitingInformation.Length, response.Events);
        Assert.Equal(global::Referrals.Domain.Texts.Rejection(code, "fi"), problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_concurrent_writer_is_409()
    {
        // Another writer committed between the read and the transaction (the real path retries a lost race once; this one keeps losing).
        var response = await InformationAnsweredAsync((state, _) => new CommandResult.Conflict(state.Version + 1, PreconditionFailed: false));
        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Equal("https://referrals.example/problems/conflict", JsonDocument.Parse(response.Body).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task State_changes_carry_the_version_as_etag_and_an_old_if_match_is_412()
    {
        var client = Worker();
        var read = await client.GetAsync($"/api/referrals/{id}");
        Assert.Equal("\"2\"", read.Headers.ETag?.Tag);

        var first = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{id}/information") { Content = Json("""{"text":"x"}""") };
        first.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        var changed = await client.SendAsync(first);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("\"3\"", changed.Headers.ETag?.Tag);

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{id}/information") { Content = Json("""{"text":"y"}""") };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        var refused = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("https://referrals.example/problems/precondition-failed", (await ProblemOf(refused)).GetProperty("type").GetString());
        Assert.Equal(3, factory.State(id).Version);
        Assert.Equal(new InformationSupplemented("x"), factory.Events(id)[^1] with { At = default, By = Actor.System });
    }

    [Fact]
    public async Task A_bad_idempotency_key_is_400_and_a_good_one_reaches_the_command()
    {
        var client = Worker();
        var bad = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{id}/information") { Content = Json("""{"text":"x"}""") };
        bad.Headers.Add("Idempotency-Key", "has spaces and / slashes");
        var response = await client.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemOf(response)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));

        var good = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{id}/information") { Content = Json("""{"text":"x"}""") };
        good.Headers.Add("Idempotency-Key", "k-123");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(good)).StatusCode);
        Assert.IsType<InformationSupplemented>(factory.Events(id)[^1]);
        Assert.Equal(History.AwaitingInformation.Length + 1, factory.Events(id).Count);
        // The key reached the command path: the same key again is answered from it, and appends nothing.
        var again = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{id}/information") { Content = Json("""{"text":"x"}""") };
        again.Headers.Add("Idempotency-Key", "k-123");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(again)).StatusCode);
        Assert.Equal(History.AwaitingInformation.Length + 1, factory.Events(id).Count);
    }

    [Fact]
    public async Task Unknown_status_in_a_listing_is_a_field_error()
    {
        var response = await Worker().GetAsync("/api/referrals?status=Nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemOf(response)).GetProperty("errors").TryGetProperty("status", out _));
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_without_details()
    {
        var response = await InformationAnsweredAsync((_, _) => throw new InvalidOperationException("secret internal detail"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        var text = response.Body;
        Assert.DoesNotContain("secret internal detail", text, StringComparison.Ordinal);
        Assert.Contains("problems/unexpected", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_executable_attachment_is_415_and_a_huge_one_413()
    {
        var client = Worker();
        var exe = new MultipartFormDataContent { { new ByteArrayContent("MZ\x90\0"u8.ToArray()), "file", "x.exe" } };
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync($"/api/referrals/{id}/attachments", exe)).StatusCode);
        var big = new MultipartFormDataContent { { new ByteArrayContent(new byte[2 * 1024 * 1024]), "file", "x.pdf" } };
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync($"/api/referrals/{id}/attachments", big)).StatusCode);
        var json = await client.PostAsync($"/api/referrals/{id}/attachments", Json("{}"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }

    [Fact]
    public async Task A_retried_upload_with_the_same_key_is_stored_once_and_another_file_under_it_is_409()
    {
        var upload = factory.Given(History.AwaitingReview);
        var client = Worker();
        HttpRequestMessage Upload(byte[] bytes, string key) => new(HttpMethod.Post, $"/api/referrals/{upload}/attachments")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "lausunto.pdf" } },
            Headers = { { "Idempotency-Key", key } },
        };
        var before = factory.Documents.Attachments.Count;

        var first = await client.SendAsync(Upload("%PDF-1.7 a"u8.ToArray(), "upload-1"));
        var again = await client.SendAsync(Upload("%PDF-1.7 a"u8.ToArray(), "upload-1"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(before + 1, factory.Documents.Attachments.Count);

        var reused = await client.SendAsync(Upload("%PDF-1.7 b"u8.ToArray(), "upload-1"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.EndsWith("/idempotency-key-reused", (await ProblemOf(reused)).GetProperty("type").GetString());
        Assert.Equal(before + 1, factory.Documents.Attachments.Count);
    }
}
