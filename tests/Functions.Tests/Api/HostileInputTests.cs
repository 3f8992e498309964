using System.Net.Http.Headers;
using System.Text;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;

namespace Referrals.Functions.Tests.Api;

/// <summary>Nothing a client can send produces a 500: random and hostile bodies, content types, headers
/// and path segments against every route, with a fixed seed so that a failure can be replayed.</summary>
public sealed class HostileInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    internal static readonly string[] Segments =
        ["information", "withdrawal", "review", "joint-assessment", "decision-draft", "service-start", "client-plan", "evaluations",
         "provider-reports", "esy-measurements", "closure", "attachments", "timeline", "decision", "access-log", "attachments/a-1", "page"];

    internal static readonly string[] Bodies =
    [
        "", "{", "}", "[]", "null", "true", "0", "\"x\"", "{\"text\":null}", "{\"text\":[]}", "{\"text\":{\"a\":1}}",
        "{\"outcome\":\"Nope\",\"reasons\":\"x\"}", "{\"outcome\":7,\"reasons\":\"x\"}", "{\"kind\":\"Granting\",\"esyRemeasurementMonth\":1e400}",
        "{\"startedOn\":\"2026-02-30\"}", "{\"startedOn\":\"yesterday\"}", "{\"scores\":{\"a\":\"x\"},\"measuredOn\":\"2026-01-01\"}",
        "{\"scores\":{\"a\":99999999999},\"measuredOn\":\"2026-01-01\"}", "{\"goals\":[null],\"personalIdentityCode\":7}",
        "{\"personalIdentityCode\":\"311299A999Y\",\"goals\":[\"\"]}", "\uFEFF{\"text\":\"x\"}", "{\"text\":\"\u0000\"}",
        new string('[', 5000) + new string(']', 5000), "{\"a\":" + new string('1', 10000) + "}",
    ];

    internal static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=latin1", "text/plain", "application/xml", "multipart/form-data",
         "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/merge-patch+json", "garbage/"];

    private static readonly string[] Tokens = ["%FF", "", "AAAA", "%00", "x%27%20or%201%20eq%201", new string('A', 2000), "MjUxOTg2ODk2MjI1OTk5OTk5OXxy"];
    private static readonly string[] Ids = ["r-1", "r-%2F..%2F", "..", "%E2%80%AE", new string('x', 3000), "r-1;drop", "r-1%23x", "%20"];

    [Fact]
    public async Task Random_requests_never_get_a_5xx()
    {
        // r-1 is a real referral awaiting the signature (the other ids are hostile), on the real command path.
        factory.Given("r-1", History.AwaitingSignature);
        var random = new Random(20260302);
        var clients = new[]
        {
            factory.ClientAs(Role.ReferringWorker, Actors.Unit), factory.ClientAs(Role.ReviewBodyMember, Process.SteeringGroup),
            factory.ClientAs(Role.Auditor, Actors.Unit), factory.ClientWith(null), factory.ClientWith("not.a.token"),
        };
        var failures = new List<string>();
        for (var i = 0; i < 600; i++)
        {
            var id = Ids[random.Next(Ids.Length)];
            var segment = Segments[random.Next(Segments.Length)];
            var (method, path) = random.Next(8) switch
            {
                0 => (HttpMethod.Post, "/api/referrals"),
                1 => (HttpMethod.Get, $"/api/referrals?unit={Uri.EscapeDataString(Ids[random.Next(Ids.Length)])}&status={Ids[random.Next(Ids.Length)]}&limit={random.Next(-5, 500)}&continuation={Tokens[random.Next(Tokens.Length)]}"),
                2 => (HttpMethod.Get, $"/api/review-queue?reviewBody={Ids[random.Next(Ids.Length)]}&limit={random.Next(-5, 500)}&continuation={Tokens[random.Next(Tokens.Length)]}"),
                3 => (HttpMethod.Get, $"/api/referrals/{id}/{segment}"),
                4 => (HttpMethod.Get, $"/signing/{id}"),
                5 => (HttpMethod.Post, $"/signing/{id}"),
                _ => (HttpMethod.Post, $"/api/referrals/{id}/{segment}"),
            };
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                var body = Bodies[random.Next(Bodies.Length)];
                request.Content = new ByteArrayContent(random.Next(10) == 0 ? RandomBytes(random) : Encoding.UTF8.GetBytes(body));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentTypes[random.Next(ContentTypes.Length)]);
                if (random.Next(3) == 0) request.Headers.TryAddWithoutValidation("Idempotency-Key", Ids[random.Next(Ids.Length)]);
                if (random.Next(3) == 0) request.Headers.TryAddWithoutValidation("If-Match", random.Next(2) == 0 ? "W/\"x\"" : "\"99999999999999\"");
            }
            if (random.Next(4) == 0) request.Headers.TryAddWithoutValidation("Accept-Language", "xx;q=abc, *;q=0.1");
            using var response = await clients[random.Next(clients.Length)].SendAsync(request);
            if ((int)response.StatusCode >= 500) failures.Add($"{method} {path[..Math.Min(path.Length, 120)]}: {(int)response.StatusCode}");
            else if ((int)response.StatusCode >= 400 && path.StartsWith("/api", StringComparison.Ordinal)
                     && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{method} {path[..Math.Min(path.Length, 120)]}: {(int)response.StatusCode} without a problem body");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 2000)];
        random.NextBytes(bytes);
        return bytes;
    }
}
