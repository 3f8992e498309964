using Referrals.Functions.Clock;
using Xunit.Abstractions;
using static Referrals.Functions.Clock.ReferralClockNames;

namespace Referrals.Functions.Tests.Orchestration;

/// <summary>Drives the orchestration turn after turn, as the durable runtime would with continue-as-new,
/// through a year of a referral's timers on a simulated clock: a durable timer moves time to its fire
/// time, and "referral changed" can arrive in between. Checks the clock's promises over the whole run.</summary>
public class ReferralClockYearSimulationTests(ITestOutputHelper output)
{
    private static readonly DateTime Start = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_year_of_timers_each_fires_once_at_its_due_time_and_the_clock_wakes_only_for_work()
    {
        var due = new SortedSet<DateTime>(Enumerable.Range(1, 12).Select(m => Start.AddMonths(m)).Append(Start.AddDays(3)).Append(Start.AddDays(3).AddHours(2)));
        var expected = due.ToList();
        var closure = Start.AddMonths(12).AddDays(1);
        var world = new SimulatedReferral(Start, due, endsAt: closure) { Changes = new Queue<DateTime>([closure]) };

        var turns = await world.RunUntilEndedAsync(maxTurns: 2000).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(expected, world.Fired.Select(f => f.Due).ToList());
        Assert.All(world.Fired, f => Assert.Equal(f.Due, f.FiredAt));
        // Every timer the clock armed was for a due time: no daily beat, no polling.
        Assert.All(world.Armed, a => Assert.Contains(a, expected));
        output.WriteLine($"{turns} turns for a year with {expected.Count} timers and one change");
        Assert.Equal(expected.Count + 2, turns); // the first turn, one per timer, one for the closing change
        Assert.True(world.Ended);
    }

    [Fact]
    public async Task Changes_wake_the_clock_between_timers_and_their_mail_is_delivered_in_that_turn()
    {
        var world = new SimulatedReferral(Start, new SortedSet<DateTime> { Start.AddDays(10) }, endsAt: Start.AddDays(20))
        {
            Changes = new Queue<DateTime>([Start.AddHours(1), Start.AddDays(2), Start.AddDays(20)]),
        };

        await world.RunUntilEndedAsync(maxTurns: 200).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(Start.AddHours(1), world.Deliveries);
        Assert.Contains(Start.AddDays(2), world.Deliveries);
        Assert.Equal(Start.AddDays(10), Assert.Single(world.Fired).FiredAt);
    }

    /// <summary>A referral in storage and the durable runtime around one clock instance. "Referral
    /// changed" arrives at the times in <see cref="Changes"/>; the race with a timer is settled when the
    /// timer is armed (the orchestration asks for the event wait first).</summary>
    private sealed class SimulatedReferral(DateTime start, SortedSet<DateTime> due, DateTime endsAt) : IReferralClockContext
    {
        private ReferralClockInput? next;
        private TaskCompletionSource? change;
        private ReferralClockStatus? status;

        public DateTime CurrentUtcDateTime { get; private set; } = start;
        public Queue<DateTime> Changes { get; init; } = new();
        public List<(DateTime Due, DateTime FiredAt)> Fired { get; } = [];
        public List<DateTime> Deliveries { get; } = [];
        public List<DateTime> Armed { get; } = [];
        public bool Ended { get; private set; }

        public async Task<int> RunUntilEndedAsync(int maxTurns)
        {
            var input = new ReferralClockInput("ref-sim");
            for (var turn = 1; turn <= maxTurns; turn++)
            {
                next = null;
                if (await new ReferralClockOrchestration(turnsPerRun: 1).RunAsync(this, input) == ReferralClockOutcome.Ended)
                {
                    Ended = true;
                    return turn;
                }
                input = next ?? throw new InvalidOperationException("neither ended nor continued as new");
            }
            throw new InvalidOperationException("the clock did not end");
        }

        public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
        {
            Armed.Add(fireAt);
            if (Changes.TryPeek(out var at) && at < fireAt)
            {
                Changes.Dequeue();
                CurrentUtcDateTime = at < CurrentUtcDateTime ? CurrentUtcDateTime : at;
                change!.TrySetResult();
                return new TaskCompletionSource().Task;
            }
            CurrentUtcDateTime = fireAt;
            return Task.CompletedTask;
        }

        public Task WaitForExternalEvent(string eventName, CancellationToken cancellationToken)
        {
            Assert.Equal(ReferralChangedEvent, eventName);
            change = new TaskCompletionSource();
            if (status?.WakeAt is null)
            {
                // Nothing due: the clock waits for the next change only.
                var at = Changes.Dequeue();
                CurrentUtcDateTime = at < CurrentUtcDateTime ? CurrentUtcDateTime : at;
                change.TrySetResult();
            }
            return change.Task;
        }

        public Task<TResult> CallActivity<TResult>(string name, object input, ActivityRetry retry)
        {
            object result = name switch
            {
                FireDueTimers => FireAndDeliver(((FireDueTimersInput)input).Now.UtcDateTime),
                DeliverOutbox => Deliver(),
                _ => throw new InvalidOperationException(name),
            };
            return Task.FromResult((TResult)result);
        }

        public void ContinueAsNew(ReferralClockInput input) => next = input;

        public void SetCustomStatus(ReferralClockStatus status) => this.status = status;

        private ClockReading FireAndDeliver(DateTime now)
        {
            Fire(now);
            return Deliver();
        }

        private int Fire(DateTime now)
        {
            var fired = due.Where(d => d <= now).ToList();
            foreach (var d in fired)
            {
                due.Remove(d);
                Fired.Add((d, now));
            }
            return fired.Count;
        }

        private ClockReading Deliver()
        {
            Deliveries.Add(CurrentUtcDateTime);
            var ended = CurrentUtcDateTime >= endsAt;
            return new ClockReading(Deliveries.Count, !ended && due.Count > 0 ? new DateTimeOffset(due.Min) : null, null, ended, 1);
        }
    }
}
