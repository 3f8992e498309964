using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Functions.Auth;
using Referrals.Functions.Clock;
using Referrals.Functions.Commands;
using Referrals.Functions.Tests.EndToEnd;
using Referrals.Functions.Tests.Infrastructure;
using static Referrals.Functions.Tests.EndToEnd.LiveApi;
using Xunit.Abstractions;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.Engine;

/// <summary>One referral from submission to closure through the standalone host's HTTP API, with the
/// Durable Task engine running on Azurite and business time compressed (about 2.5 days a second): the
/// people act when the reminders they would wait for have come; every reminder that comes due is
/// mailed exactly once, and the referral's clock completes when it closes.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class EngineYearThroughTheApiTests(DevServices devServices, ITestOutputHelper output) : IDisposable
{
    private const double Factor = 2.5 * 86400;
    private static readonly string Tag = "y" + Guid.NewGuid().ToString("N")[..10];
    private readonly CompressedTime time = new(DateTimeOffset.UtcNow, Factor);
    private LoopbackHost? host;

    public void Dispose() => host?.Dispose();

    [Fact]
    public async Task A_referral_lives_from_submission_to_closure_and_every_reminder_arrives_once()
    {
        var overrides = new[] { "CaseOwner", "ReviewBody", "Signer", "DeputySigner" }
            .ToDictionary(role => $"Mail:Recipients:{role}:Any", role => $"{Tag}-{role.ToLowerInvariant()}@test.localhost");
        host = new LoopbackHost(devServices, overrides, services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton(time.Contexts);
        });
        var worker = Client(Role.ReferringWorker, Unit, "worker-1");
        var member = Client(Role.ReviewBodyMember, ReviewBody, "member-1");
        var reader = host.Reader;

        var submitted = await PostAsync(worker, "/api/referrals", Submission(Today().AddDays(14), "sr-everyday-coaching"), HttpStatusCode.Created);
        var id = submitted.GetProperty("id").GetString()!;
        async Task Reminded(TimerKind kind) =>
            await Eventually(async () => (await reader.TimelineAsync(id)).Any(e => e.Event is ReminderRaised r && r.Kind == kind), $"{kind}");

        await Reminded(TimerKind.ReviewOverdue);
        var etag = (await member.GetAsync($"/api/referrals/{id}")).Headers.ETag!.Tag;
        await PostAsync(member, $"/api/referrals/{id}/review", new { outcome = "Approve", reasons = "Tarve on selvä." }, etag: etag);

        var start = Today().AddDays(7);
        var end = start.AddMonths(7);
        await PostAsync(worker, $"/api/referrals/{id}/decision-draft", new
        {
            kind = "Granting", reasons = "Asiakkaalla on SHL 17 §:n mukainen tarve.", start, end, esyRemeasurementMonth = 6,
            contactPerson = "Sosiaalityöntekijä Maija Meikäläinen", contactDetails = "09 123 456",
        });
        var link = await NextSigningLinkAsync(devServices.Maildev, [], all => all.Where(m => m.IsTo($"{Tag}-signer@test.localhost")));
        Assert.Contains("allekirjoitettu", (await SubmitSigningFormAsync(host!, link, "sign", session: TimeSpan.FromDays(3650))).Html.ToLowerInvariant(), StringComparison.Ordinal);
        // The decision goes to the client by letter; the review period, and so its finality, runs from that day.
        await PostAsync(worker, $"/api/referrals/{id}/decision-notification", new { method = "Letter", sentOn = Today() });

        // On a loaded machine the signature can land after the planned start (business time runs fast here):
        // the service then starts on the signing day, as it would in life.
        var signedOn = (await reader.GetAsync(id))!.Decision!.SignedOn;
        var startedOn = signedOn > start ? signedOn : start;
        await Until(startedOn);
        await PostAsync(worker, $"/api/referrals/{id}/service-start", new { startedOn, provider = "Palveluntuottaja Oy" });
        await Reminded(TimerKind.ClientPlanOverdue);
        await PostAsync(worker, $"/api/referrals/{id}/client-plan", new { agreedOn = Today() });
        await Reminded(TimerKind.InterimEvaluationDue);
        await PostAsync(worker, $"/api/referrals/{id}/evaluations", new { heldOn = Today(), notes = "Edistynyt." });
        await Reminded(TimerKind.ServiceEndApproaching);
        await Reminded(TimerKind.EsyWindowOpens);
        var scores = global::Referrals.Domain.Profiles.DefaultProcessConfiguration.Load().AllInstruments[0].Areas.ToDictionary(a => a.Code, _ => 4);
        await PostAsync(worker, $"/api/referrals/{id}/esy-measurements", new { measuredOn = Today(), scores });
        await Until(end);
        await PostAsync(worker, $"/api/referrals/{id}/closure", new { endedOn = end, summary = "Yhteenveto.", feedbackCollected = true });

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

    private static Task Eventually(Func<Task<bool>> done, string what) => Poll.UntilAsync(done, d => d, TimeSpan.FromSeconds(60), what);

    private static IEnumerable<MaildevEmail> Mine(IEnumerable<MaildevEmail> all) => all.Where(m => m.IsToMailboxOf(Tag));
}
