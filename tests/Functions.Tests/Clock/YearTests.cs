using Referrals.Domain;
using Referrals.Domain.Calendar;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Functions.Commands;
using Referrals.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Referrals.Functions.Tests.Clock;

/// <summary>A referral lives a year on a fake clock: the runtime's clock fires every due timer through
/// the command path, the courier mails every reminder, and maildev receives each exactly once.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class YearTests(DevServices services, ITestOutputHelper output)
{
    [Fact]
    public async Task Over_a_year_every_reminder_mail_arrives_exactly_once()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var id = DevServices.NewReferralId();
        var esyScores = EsyScores.Of(DefaultProcessConfiguration.Load().AllInstruments[0].Areas.Select(a => KeyValuePair.Create(a.Code, 4)));

        // What the people do, by day (Helsinki dates). Gaps are left on purpose so reminders come due.
        var actions = new Dictionary<DateOnly, ReferralCommand>
        {
            [new(2026, 2, 2)] = Scenario.Submit(),
            [new(2026, 2, 18)] = Scenario.Approve(),                        // after ReviewOverdue (10 working days)
            [new(2026, 2, 19)] = Scenario.Draft(new(2026, 3, 2), new(2026, 12, 31)),
            [new(2026, 2, 24)] = Scenario.Sign(),                           // after SignatureReminder, before escalation
            [new(2026, 2, 25)] = Scenario.NotifyByLetter(new(2026, 2, 25)), // deemed 4 March; final after 3 April
            [new(2026, 3, 2)] = Scenario.StartService(new(2026, 3, 2)),
            [new(2026, 4, 8)] = new RecordClientPlan(new(2026, 4, 8)) { By = Scenario.Worker },   // after plan due soon/due/overdue
            [new(2026, 6, 8)] = new RecordInterimEvaluation(new(2026, 6, 8), "Edistynyt.") { By = Scenario.Worker },
            [new(2026, 9, 10)] = new RecordEsyMeasurement(new(2026, 9, 10), esyScores) { By = Scenario.Worker },
            [new(2027, 1, 4)] = new CloseService(new(2026, 12, 31), "Yhteenveto.", true) { By = Scenario.Worker },
        };

        var day = new DateOnly(2026, 2, 2);
        var end = new DateOnly(2027, 2, 2);
        while (day <= end)
        {
            // 10:00 Helsinki: after the 09:00 reminders of the day.
            runtime.Time.SetUtcNow(FinnishCalendar.At(day, 10));
            await runtime.SettleAsync();
            if (actions.TryGetValue(day, out var command))
            {
                var result = await runtime.Commands.ExecuteAsync(id, command, $"{command.GetType().Name}-{day:yyyyMMdd}", null);
                Assert.True(result is CommandResult.Accepted, $"{day}: {command.GetType().Name} -> {result}");
                await runtime.SettleAsync();
            }
            day = day.AddDays(1);
        }

        var timeline = await runtime.Reader.TimelineAsync(id);
        var reminders = timeline.Select(e => e.Event).OfType<ReminderRaised>().ToList();
        output.WriteLine($"{timeline.Count} events; reminders raised: {string.Join(", ", reminders.Select(r => $"{r.Kind}@{FinnishCalendar.DateIn(r.DueAt):yyyy-MM-dd}"))}");
        Assert.Equal(ReferralStatus.Closed, (await runtime.Reader.GetAsync(id))!.Status);
        Assert.Contains(timeline, e => e.Event is DecisionBecameFinal);
        foreach (var kind in new[]
        {
            TimerKind.ReviewOverdue, TimerKind.SignatureReminder, TimerKind.ClientPlanDueSoon, TimerKind.ClientPlanDue,
            TimerKind.ClientPlanOverdue, TimerKind.InterimEvaluationDue, TimerKind.EsyWindowOpens, TimerKind.ServiceEndApproaching,
        })
        {
            Assert.Contains(reminders, r => r.Kind == kind);
        }
        Assert.DoesNotContain(reminders, r => r.Kind == TimerKind.SignatureEscalation);
        Assert.Equal(reminders.Count, reminders.Select(r => (r.Kind, r.DueAt)).Distinct().Count());

        // Every reminder's mail is in maildev once; no mail of this referral twice.
        var mine = await services.Maildev.WaitAsync(all => all.Count(m => m.IsToMailboxOf(runtime.Prefix) && m.IsReminder) >= reminders.Count);
        var mails = mine.Where(m => m.IsToMailboxOf(runtime.Prefix)).ToList();
        Assert.Equal(reminders.Count, mails.Count(m => m.IsReminder));
        Assert.All(mails, m => Assert.NotNull(m.MessageId));
        Assert.Equal(mails.Count, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.All(mails, m => Assert.Contains($"/api/referrals/{id}", m.Text));
        Assert.All(mails, m => Assert.DoesNotContain("client-1", m.Text + m.Subject));
        output.WriteLine($"{mails.Count} mails, {mails.Count(m => m.IsReminder)} reminders: {string.Join(" | ", mails.Select(m => m.Subject))}");

        // Nothing left behind: no outbox rows, no timers of an ended referral.
        Assert.DoesNotContain(id, await runtime.Outbox.PendingReferralsAsync());
        Assert.Null((await runtime.ReferralClock.ReadAsync(id)).NextDue);
    }
}
