using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Functions.Tests.EndToEnd;
using Referrals.Functions.Tests.Infrastructure;
using Xunit.Abstractions;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.Faults;

/// <summary>Faults fail fast and safe, on real processes: the host's own Azurite and maildev are paused
/// with SIGSTOP (a hung service: sockets open, no answer) and resumed with SIGCONT, and the same host
/// keeps running throughout (no restart).</summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    private const string Unit = "vantaa-adult-social-work";
    private static readonly TimeSpan FastFailure = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Paused_storage_answers_503_within_5_s_and_recovers_and_paused_smtp_holds_only_the_mail()
    {
        await using var services = await PausableServices.StartAsync();
        using var host = new LoopbackHost(services.StorageConnectionString, services.SmtpPort, new Dictionary<string, string>
        {
            ["Mail:ConnectTimeout"] = "00:00:01",
            ["Mail:SendTimeout"] = "00:00:02",
            ["Mail:RetryBackoff"] = "00:00:01",
            ["Mail:MaxAttempts"] = "20",
        });
        var worker = host.Client(host.Token("worker-1", Role.ReferringWorker, Unit));

        // Healthy: a referral is submitted, listed and its mail arrives.
        var first = await SubmitAsync(worker, "fault-1");
        await ListedAsync(worker, first);
        var perReferral = (await services.Maildev.WaitAsync(all => all.Count > 0)).Count;
        Assert.True(perReferral > 0, "the submission mailed nobody");

        // Storage hangs: a read and a command each answer 503 problem+json with Retry-After, within 5 s.
        services.PauseStorage();
        try
        {
            foreach (var request in new Func<Task<HttpResponseMessage>>[]
            {
                () => worker.GetAsync($"/api/referrals/{first}"),
                () => worker.SendAsync(Submission("fault-2")),
            })
            {
                var clock = Stopwatch.StartNew();
                using var response = await request();
                clock.Stop();
                output.WriteLine($"storage paused: {response.RequestMessage?.Method} answered {(int)response.StatusCode} in {clock.Elapsed.TotalSeconds:0.00} s");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.True(clock.Elapsed < FastFailure, $"503 after {clock.Elapsed.TotalSeconds:0.0} s");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                Assert.Equal("https://referrals.example/problems/storage-unavailable", problem.GetProperty("type").GetString());
            }
        }
        finally
        {
            services.ResumeStorage();
        }

        // Resumed: the same host answers again, with no restart.
        var recovery = Stopwatch.StartNew();
        await Poll.UntilAsync(async () => (await worker.GetAsync($"/api/referrals/{first}")).StatusCode,
            status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(20), "a read after storage resumed");
        output.WriteLine($"storage resumed: 200 again after {recovery.Elapsed.TotalSeconds:0.00} s");

        // SMTP hangs: commands still succeed and the read models still move; only the mail waits.
        services.PauseSmtp();
        string second;
        try
        {
            var paused = Stopwatch.StartNew();
            second = await SubmitAsync(worker, "fault-3");
            output.WriteLine($"smtp paused: submission answered 201 in {paused.Elapsed.TotalSeconds:0.00} s");
            await ListedAsync(worker, second);
            output.WriteLine($"smtp paused: listed after {paused.Elapsed.TotalSeconds:0.00} s");
        }
        finally
        {
            services.ResumeSmtp();
        }

        // Resumed: every mail arrives, and exactly once (no duplicate Message-ID, no extra copies).
        var resumed = Stopwatch.StartNew();
        var inbox = await services.Maildev.WaitAsync(all => all.Count >= 2 * perReferral, TimeSpan.FromSeconds(30));
        Assert.Equal(2 * perReferral, inbox.Count);
        output.WriteLine($"smtp resumed: {inbox.Count} mails ({perReferral} per referral) after {resumed.Elapsed.TotalSeconds:0.00} s");
        await Task.Delay(TimeSpan.FromSeconds(2));
        inbox = await services.Maildev.AllAsync();
        Assert.Equal(2 * perReferral, inbox.Count);
        Assert.Equal(inbox.Count, inbox.Select(m => m.MessageId).Distinct().Count());
    }

    private static HttpRequestMessage Submission(string key) => new(HttpMethod.Post, "/api/referrals")
    {
        Content = new StringContent(JsonSerializer.Serialize(new
        {
            unit = Unit, profileId = "vantaa-steering-group", personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi", address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode = "sr-everyday-coaching",
            assessmentSummary = "Arvio.", goals = new[] { "Päivärytmi" }, requestedStart = FinnishCalendar.DateIn(DateTimeOffset.UtcNow).AddDays(30),
        }), Encoding.UTF8, "application/json"),
        Headers = { { "Idempotency-Key", key } },
    };

    private static async Task<string> SubmitAsync(HttpClient worker, string key)
    {
        using var created = await worker.SendAsync(Submission(key));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The unit's listing (the read model, written by the courier) shows the referral.</summary>
    private static Task ListedAsync(HttpClient worker, string id) =>
        Poll.UntilAsync(async () => await worker.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"/api/referrals?unit={Unit}&limit=200")),
            listing => listing.Contains(id, StringComparison.Ordinal), TimeSpan.FromSeconds(15), $"{id} in the listing");
}
