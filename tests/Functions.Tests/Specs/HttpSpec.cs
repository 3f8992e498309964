using System.Net;
using System.Text;
using System.Text.Json;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using EventJson = Referrals.Domain.Tests.Support.Json;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.Specs;

/// <summary>HTTP specifications of the actions: Given events (written to a fresh referral's partition
/// through the product's own row writers, as a commit leaves them), When a request (over HTTP to the
/// standalone host: the real edge, the real decider, the real command path on Azurite), Then the status
/// and exactly the events the request appended, or a problem and none. Expected events are written
/// without At/By: the request's actor must be the one recorded, and the instant is the server's.
/// <para>One host for every specification (its own table prefix); the durable clock does not run here,
/// since no specification waits for a timer or a mail.</para></summary>
public sealed class HttpSpec
{
    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static LoopbackHost? shared;
    private readonly LoopbackHost host;
    private readonly IReadOnlyList<ReferralEvent> given;
    private readonly string id = "spec-" + Guid.NewGuid().ToString("N")[..12];
    private (Actor Actor, HttpMethod Method, string Path, HttpContent? Body, string? IfMatch)? request;

    private HttpSpec(LoopbackHost host, IReadOnlyList<ReferralEvent> given) => (this.host, this.given) = (host, given);

    /// <summary>The shared host of the specifications, started on first use.</summary>
    private static async Task<LoopbackHost> HostAsync(DevServices devServices)
    {
        await Starting.WaitAsync();
        try
        {
            if (shared is null)
            {
                var host = new LoopbackHost(devServices) { Clock = false };
                host.Client().Dispose();
                await host.Storage.EnsureCreatedAsync();
                shared = host;
            }
            return shared;
        }
        finally
        {
            Starting.Release();
        }
    }

    public static async Task<HttpSpec> Given(DevServices devServices, IEnumerable<ReferralEvent> events) =>
        new(await HostAsync(devServices), events.ToList());

    /// <summary>The referral the specification is about (its id is the spec's own).</summary>
    public string ReferralId => id;

    /// <summary>The request: <paramref name="action"/> under /api/referrals/{id}/ (or an absolute path), as
    /// <paramref name="actor"/> (a token with that user, role and unit), a JSON body, and If-Match if given.</summary>
    public HttpSpec When(Actor actor, string action, object? body, string? ifMatch = null)
    {
        var path = action.StartsWith('/') ? action : $"/api/referrals/{id}/{action}";
        request = (actor, HttpMethod.Post, path,
            body is null ? null : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"), ifMatch);
        return this;
    }

    /// <summary>Then the status, and exactly these events appended after the given ones, by the request's actor.</summary>
    public async Task<IReadOnlyList<ReferralEvent>> Then(HttpStatusCode status, params ReferralEvent[] expected)
    {
        var (response, appended) = await RunAsync();
        Assert.True(status == response.Status, $"{response.Status}: {response.Body}");
        AssertAppended(expected, appended);
        return appended;
    }

    /// <summary>Then the status and appended events that <paramref name="check"/> accepts (for events that carry
    /// what the server derives, such as a rendered document's hash).</summary>
    public async Task ThenEvents(HttpStatusCode status, Action<IReadOnlyList<ReferralEvent>> check)
    {
        var (response, appended) = await RunAsync();
        Assert.True(status == response.Status, $"{response.Status}: {response.Body}");
        check(appended);
    }

    /// <summary>Then the same request sent again with the same Idempotency-Key (its first answer lost on the
    /// way) gets the same status and body, and only the first attempt's events are appended.</summary>
    public async Task ThenARetryGetsTheFirstAnswer(HttpStatusCode status, params ReferralEvent[] expected)
    {
        var key = "spec-" + Guid.NewGuid().ToString("N");
        var (first, _) = await RunAsync(key);
        var (again, appended) = await RunAsync(key, writeGiven: false);
        Assert.True(status == first.Status, $"{first.Status}: {first.Body}");
        Assert.True(status == again.Status, $"retry: {again.Status}: {again.Body}");
        Assert.Equal(first.Body, again.Body);
        AssertAppended(expected, appended);
    }

    /// <summary>Exactly the expected events were appended, by the request's actor, at the server's instant.</summary>
    private void AssertAppended(ReferralEvent[] expected, IReadOnlyList<ReferralEvent> appended)
    {
        Assert.All(appended, e => Assert.Equal((request!.Value.Actor.UserId, request.Value.Actor.Role, request.Value.Actor.Unit), (e.By.UserId, e.By.Role, e.By.Unit)));
        Assert.Equal(
            EventJson.Of(expected.Zip(appended, (e, a) => e with { At = a.At, By = a.By }).Concat(expected.Skip(appended.Count))),
            EventJson.Of(appended));
    }

    /// <summary>Then a problem (RFC 9457) with this status and code, and nothing appended.</summary>
    public async Task ThenProblem(HttpStatusCode status, string code)
    {
        var (response, appended) = await RunAsync();
        Assert.True(status == response.Status, $"{response.Status}: {response.Body}");
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Equal(code, JsonDocument.Parse(response.Body).RootElement.GetProperty("code").GetString());
        Assert.Empty(appended);
    }

    private async Task<((HttpStatusCode Status, string? MediaType, string Body) Response, IReadOnlyList<ReferralEvent> Appended)> RunAsync(
        string? idempotencyKey = null, bool writeGiven = true)
    {
        var (actor, method, path, body, ifMatch) = request ?? throw new InvalidOperationException("When first.");
        if (writeGiven) await WriteGivenAsync();
        using var client = host.Client(host.Token(actor.UserId, actor.Role, actor.Unit));
        using var message = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(await body.ReadAsStringAsync(), Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("Idempotency-Key", idempotencyKey ?? "spec-" + Guid.NewGuid().ToString("N"));
        if (ifMatch is not null) message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var timeline = await host.Reader.TimelineAsync(id);
        return ((response.StatusCode, response.Content.Headers.ContentType?.MediaType, text),
            timeline.Where(e => e.Version > given.Count).Select(e => e.Event).ToList());
    }

    /// <summary>The given events, the snapshot they fold to and its timers: what a commit of them would leave.</summary>
    private Task WriteGivenAsync() => GivenReferrals.WriteAsync(host.Services, id, given);
}
