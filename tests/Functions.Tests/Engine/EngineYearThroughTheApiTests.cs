using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Functions.Auth;
using Referrals.Functions.Orchestration;
using Referrals.Functions.Referrals;
using Referrals.Functions.Tests.EndToEnd;
using Referrals.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Referrals.Functions.Tests.Engine;

/// <summary>One referral from submission to closure through the standalone host's HTTP API, with the
/// Durable Task engine running on Azurite and business time compressed (about 2.5 days a second): the
/// people act when the reminders they would wait for have come; every reminder that comes due is
/// mailed exactly once, and the referral's clock completes when it closes.</summary>
[Collection(DevServicesCollection.Name)]
public sealed partial class EngineYearThroughTheApiTests(DevServices devServices, ITestOutputHelper output) : IDisposable
{
    private const string Unit = "vantaa-adult-social-work";
    private const string ReviewBody = "vantaa-steering-group";
    private const double Factor = 2.5 * 86400;
    private static readonly string Tag = "y" + Guid.NewGuid().ToString("N")[..10];
    private readonly CompressedTime time = new(DateTimeOffset.UtcNow, Factor);
    private LiveHost? host;

    public void Dispose() => host?.Dispose();

    [Fact]
    public async Task A_referral_lives_from_submission_to_closure_and_every_reminder_arrives_once()
    {
        var overrides = new[] { "CaseOwner", "ReviewBody", "Signer", "DeputySigner" }
            .ToDictionary(role => $"Mail:Recipients:{role}:Any", role => $"{Tag}-{role.ToLowerInvariant()}@test.localhost");
        host = new LiveHost(devServices, overrides, services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton(time.Contexts);
        });
        var worker = Client(Role.ReferringWorker, Unit, "worker-1");
        var member = Client(Role.ReviewBodyMember, ReviewBody, "member-1");
        var reader = host.Services.GetRequiredService<IReferralReader>();

        var submitted = await Post(worker, "/api/referrals", new
        {
            unit = Unit, profileId = ReviewBody, personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi", address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode = "sr-everyday-coaching",
            assessmentSummary = "Asiakas tarvitsee tukea arjen hallintaan.", goals = new[] { "Päivärytmi" }, requestedStart = Today().AddDays(14),
        }, HttpStatusCode.Created);
        var id = submitted.GetProperty("id").GetString()!;
        async Task Reminded(TimerKind kind) =>
            await Eventually(async () => (await reader.TimelineAsync(id)).Any(e => e.Event is ReminderRaised r && r.Kind == kind), $"{kind}");

        await Reminded(TimerKind.ReviewOverdue);
        var etag = (await member.GetAsync($"/api/referrals/{id}")).Headers.ETag!.Tag;
        await Post(member, $"/api/referrals/{id}/review", new { outcome = "Approve", reasons = "Tarve on selvä." }, etag: etag);

        var start = Today().AddDays(7);
        var end = start.AddMonths(7);
        await Post(worker, $"/api/referrals/{id}/decision-draft", new
        {
            kind = "Granting", reasons = "Asiakkaalla on SHL 17 §:n mukainen tarve.", start, end, esyRemeasurementMonth = 6,
            contactPerson = "Sosiaalityöntekijä Maija Meikäläinen", contactDetails = "09 123 456",
        });
        var inbox = await devServices.Maildev.WaitAsync(all => all.Any(m => m.IsTo($"{Tag}-signer@test.localhost") && SigningLink().IsMatch(m.Text ?? "")),
            TimeSpan.FromSeconds(20));
        var link = SigningLink().Match(inbox.First(m => m.IsTo($"{Tag}-signer@test.localhost") && SigningLink().IsMatch(m.Text ?? "")).Text!).Value;
        Assert.Contains("allekirjoitettu", (await Sign(link)).ToLowerInvariant(), StringComparison.Ordinal);
        // The decision goes to the client by letter; the review period, and so its finality, runs from that day.
        await Post(worker, $"/api/referrals/{id}/decision-notification", new { method = "Letter", sentOn = Today() });

        // On a loaded machine the signature can land after the planned start (business time runs fast here):
        // the service then starts on the signing day, as it would in life.
        var signedOn = (await reader.GetAsync(id))!.Decision!.SignedOn;
        var startedOn = signedOn > start ? signedOn : start;
        await Until(startedOn);
        await Post(worker, $"/api/referrals/{id}/service-start", new { startedOn, provider = "Palveluntuottaja Oy" });
        await Reminded(TimerKind.ClientPlanOverdue);
        await Post(worker, $"/api/referrals/{id}/client-plan", new { agreedOn = Today() });
        await Reminded(TimerKind.InterimEvaluationDue);
        await Post(worker, $"/api/referrals/{id}/evaluations", new { heldOn = Today(), notes = "Edistynyt." });
        await Reminded(TimerKind.ServiceEndApproaching);
        await Reminded(TimerKind.EsyWindowOpens);
        var scores = global::Referrals.Domain.Profiles.DefaultProcessConfiguration.Load().AllInstruments[0].Areas.ToDictionary(a => a.Code, _ => 4);
        await Post(worker, $"/api/referrals/{id}/esy-measurements", new { measuredOn = Today(), scores });
        await Until(end);
        await Post(worker, $"/api/referrals/{id}/closure", new { endedOn = end, summary = "Yhteenveto.", feedbackCollected = true });

        Assert.NotNull((await reader.GetAsync(id))!.DecisionFinalOn);
        var instances = host.Services.GetRequiredService<IOrchestrationInstances>();
        await Eventually(async () => (await instances.GetAsync(id))?.State == InstanceState.Completed, "the clock completes");

        var timeline = (await reader.TimelineAsync(id)).Select(e => e.Event).ToList();
        var reminders = timeline.OfType<ReminderRaised>().ToList();
        output.WriteLine($"{timeline.Count} events; reminders: {string.Join(", ", reminders.Select(r => $"{r.Kind}@{FinnishCalendar.DateIn(r.DueAt):yyyy-MM-dd}"))}");
        Assert.All(reminders, r => Assert.True(r.At >= r.DueAt, $"{r.Kind} raised at {r.At:O}, before its due time {r.DueAt:O}"));
        Assert.Equal(reminders.Count, reminders.Select(r => (r.Kind, r.DueAt)).Distinct().Count());

        // Every reminder's mail arrived once; no mail of this referral twice.
        await devServices.Maildev.WaitAsync(all => Mine(all).Count(m => m.IsReminder) >= reminders.Count, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second copy would arrive by now
        var mails = Mine(await devServices.Maildev.AllAsync()).ToList();
        output.WriteLine($"{mails.Count} mails: {string.Join(" | ", mails.Select(m => m.Subject))}");
        Assert.Equal(reminders.Count, mails.Count(m => m.IsReminder));
        Assert.Equal(mails.Count, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(ReferralStatus.Closed, (await reader.GetAsync(id))!.Status);
    }

    private DateOnly Today() => FinnishCalendar.DateIn(time.GetUtcNow());

    /// <summary>Waits (in real time) until business time is past 10:00 Helsinki on that day.</summary>
    private async Task Until(DateOnly day)
    {
        var wait = time.WallUntil(FinnishCalendar.At(day, 10));
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }

    private HttpClient Client(Role role, string unit, string user)
    {
        var token = DevelopmentTokens.Mint(host!.Services.GetRequiredService<IOptions<AuthOptions>>().Value, user, role, [unit],
            TimeSpan.FromHours(1), DateTimeOffset.UtcNow); // validated against the real clock
        return host.Client(token);
    }

    private static async Task<JsonElement> Post(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>What a browser does with the link: GET the page (cookie + form field), then POST "sign".</summary>
    private async Task<string> Sign(string link)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        // The host's clock runs compressed: a session that lasts in business time.
        var (name, value) = SignerSessions.Cookie(host!.Services, [$"Signer.{Unit}"], lifetime: TimeSpan.FromDays(3650));
        handler.CookieContainer.Add(new Uri(link), new Cookie(name, value, "/signing"));
        using var client = new HttpClient(handler);
        var page = await client.GetStringAsync(link);
        var check = WebUtility.HtmlDecode(FormCheck().Match(page).Groups[1].Value);
        var response = await client.PostAsync(link, new FormUrlEncodedContent(
            [new("form-check", check), new("decision", "sign"), new("comment", ""), new("lang", "fi")]));
        return await response.Content.ReadAsStringAsync();
    }

    private static Task Eventually(Func<Task<bool>> done, string what) => Poll.UntilAsync(done, d => d, TimeSpan.FromSeconds(60), what);

    private static IEnumerable<MaildevEmail> Mine(IEnumerable<MaildevEmail> all) => all.Where(m => m.IsToMailboxOf(Tag));

    [GeneratedRegex(@"https?://[^\s<>""]+/signing/[A-Za-z0-9_-]{43}")]
    private static partial Regex SigningLink();

    [GeneratedRegex("name=\"form-check\" value=\"([^\"]+)\"")]
    private static partial Regex FormCheck();
}
