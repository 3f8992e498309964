using static Referrals.Functions.Clock.ReferralClockNames;

namespace Referrals.Functions.Clock;

/// <summary>The referral's clock and courier, as a durable orchestration per referral (instance id =
/// referral id). It holds no state of the referral: each turn re-reads the truth from storage, so a
/// lost or duplicated wake-up costs at most a turn, and a deploy never breaks an in-flight referral.
/// <para>One turn is one activity: at or after the due time it fires the due timers (as the
/// orchestration's time sees it), delivers the outbox and reads what comes next; otherwise it only
/// delivers and reads. It completes if the referral has ended; otherwise it sleeps until the next due
/// time, an outbox retry, or "referral changed", whichever comes first. With nothing due it waits for
/// a change only: it never wakes on a fixed beat. A timer armed for a wake time that a later turn
/// still wants is kept, not cancelled and armed again. After <see cref="TurnsPerRun"/> turns it
/// continues as new, which keeps the history of a year-long referral small.</para></summary>
/// <param name="retry">The activities' retry policy (<see cref="Retry"/> unless a test shortens it).</param>
/// <param name="turnsPerRun">Turns before continue-as-new (bounds the history replayed per episode).</param>
internal sealed class ReferralClockOrchestration(ActivityRetry? retry = null, int turnsPerRun = ReferralClockOrchestration.TurnsPerRun)
{
    private readonly ActivityRetry retry = retry ?? Retry;

    /// <summary>Turns in one execution before continue-as-new. A scripted referral-year takes about 16
    /// turns, so a year runs in one execution (each continue-as-new costs a queue message and an
    /// episode); at about 10 history rows a turn, 64 turns stay within one 1 000-row history page.</summary>
    public const int TurnsPerRun = 64;

    /// <summary>The first pause after a turn whose activities failed; doubled per consecutive failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>The longest pause between retries of a failing turn.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(6);

    /// <summary>Retries inside one turn, for transient storage or SMTP errors (the default).</summary>
    public static readonly ActivityRetry Retry = new(
        MaxAttempts: 4, FirstRetryInterval: TimeSpan.FromSeconds(5), BackoffCoefficient: 3,
        MaxRetryInterval: TimeSpan.FromMinutes(2));

    public async Task<ReferralClockOutcome> RunAsync(IReferralClockContext context, ReferralClockInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(input?.ReferralId, nameof(input));
        var alarm = new Alarm(context);
        var referral = new ReferralActivityInput(input.ReferralId);
        for (var turn = 1; ; turn++)
        {
            var now = context.CurrentUtcDateTime;
            // A wake at or after the due time the last turn read fires first, and the same activity
            // delivers what the timers wrote. A fresh start (nothing known) reads first.
            var fired = IsDue(input.NextDue, now);
            var reading = fired ? await FireAsync(context, input.ReferralId, now) : await TryActivity<ClockReading>(context, DeliverOutbox, referral);
            if (reading.Value is { } first && !fired && IsDue(first.NextDue, now))
            {
                fired = true;
                reading = await FireAsync(context, input.ReferralId, now);
            }
            var read = reading.Value;

            if (reading.Succeeded && read!.HasEnded)
            {
                alarm.Cancel();
                context.SetCustomStatus(new ReferralClockStatus(ReferralClockPhase.Ended, null, input.Turn, 0, read.Version));
                return ReferralClockOutcome.Ended;
            }

            // A timer still due after firing did not clear: back off as after a failure rather than spin.
            var stuck = read is not null && fired && IsDue(read.NextDue, now);
            var failures = !reading.Succeeded || stuck ? input.Failures + 1 : 0;
            var wakeAt = WakeAt(now, stuck ? null : read?.NextDue, read?.RetryAt, failures);
            var phase = failures > 0 ? ReferralClockPhase.Retrying
                : wakeAt is null ? ReferralClockPhase.Waiting : ReferralClockPhase.Sleeping;
            // After a failed read, the version seen stays unknown (0): the sweep may then nudge the clock, which is harmless.
            context.SetCustomStatus(new ReferralClockStatus(phase, wakeAt, input.Turn, failures, read?.Version ?? 0));
            input = input with { Turn = input.Turn + 1, Failures = failures, NextDue = stuck ? null : read?.NextDue ?? input.NextDue };

            await SleepUntilTimerOrChange(context, alarm, wakeAt);

            if (turn >= turnsPerRun)
            {
                alarm.Cancel();
                context.ContinueAsNew(input);
                return ReferralClockOutcome.ContinuedAsNew;
            }
        }
    }

    /// <summary>When to wake: the earliest of the next due time, an outbox retry, and (after failures)
    /// the backoff. A time already passed means "now"; null means "only when the referral changes".</summary>
    public static DateTime? WakeAt(DateTime now, DateTimeOffset? nextDue, DateTimeOffset? retryAt, int failures)
    {
        DateTime? wake = failures > 0 ? now + RetryDelay(failures) : null;
        foreach (var candidate in new[] { nextDue, retryAt })
        {
            if (candidate is not { } at) continue;
            var utc = at.UtcDateTime < now ? now : at.UtcDateTime;
            if (wake is null || utc < wake) wake = utc;
        }
        return wake;
    }

    /// <summary>5 min, 10 min, 20 min … capped at <see cref="MaxRetryDelay"/>.</summary>
    public static TimeSpan RetryDelay(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 20);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    private static bool IsDue(DateTimeOffset? due, DateTime now) => due is { } at && at.UtcDateTime <= now;

    private Task<ActivityOutcome<ClockReading>> FireAsync(IReferralClockContext context, string referralId, DateTime now) =>
        TryActivity<ClockReading>(context, FireDueTimers, new FireDueTimersInput(referralId, new DateTimeOffset(now, TimeSpan.Zero)));

    private static async Task SleepUntilTimerOrChange(IReferralClockContext context, Alarm alarm, DateTime? wakeAt)
    {
        // The event wait is cancelled when the timer wins, so no wait is left open; the timer is kept
        // while a later turn wants the same wake time, and cancelled otherwise.
        using var change = new CancellationTokenSource();
        var changed = context.WaitForExternalEvent(ReferralChangedEvent, change.Token);
        if (wakeAt is not { } at)
        {
            alarm.Cancel();
            await changed;
            return;
        }
        if (at <= context.CurrentUtcDateTime)
        {
            alarm.Cancel();
            change.Cancel();
            return;
        }
        // The context's timer completes at or after its time (the adapter re-arms one the backend fired
        // early). Should one still wake the clock early, the next turn finds nothing due and sleeps again.
        if (await Task.WhenAny(alarm.For(at), changed) == changed) return;
        alarm.Fired();
        change.Cancel();
    }

    /// <summary>The one durable timer the clock has armed, kept across turns while its time is still wanted.</summary>
    private sealed class Alarm(IReferralClockContext context)
    {
        private Task? timer;
        private DateTime armedFor;
        private CancellationTokenSource? cancel;

        public Task For(DateTime at)
        {
            if (timer is not null && armedFor == at) return timer;
            Cancel();
            cancel = new CancellationTokenSource();
            armedFor = at;
            return timer = context.CreateTimer(at, cancel.Token);
        }

        public void Fired()
        {
            timer = null;
            cancel?.Dispose();
            cancel = null;
        }

        public void Cancel()
        {
            if (timer is null) return;
            cancel!.Cancel();
            cancel.Dispose();
            cancel = null;
            timer = null;
        }
    }

    private async Task<ActivityOutcome<T>> TryActivity<T>(IReferralClockContext context, string name, object input)
    {
        try
        {
            return new ActivityOutcome<T>(true, await context.CallActivity<T>(name, input, retry));
        }
        catch (ActivityFailedException)
        {
            // Nothing is lost: the timers stay in the snapshot and the outbox rows stay pending, so a
            // later turn does the work again. The custom status shows the failure count meanwhile.
            return new ActivityOutcome<T>(false, default);
        }
    }

    private readonly record struct ActivityOutcome<T>(bool Succeeded, T? Value);
}
