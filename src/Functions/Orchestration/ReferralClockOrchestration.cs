using static Referrals.Functions.Orchestration.ReferralClockNames;

namespace Referrals.Functions.Orchestration;

/// <summary>The referral's clock and courier, as a durable orchestration per referral (instance id =
/// referral id). It holds no state of the referral: each turn re-reads the truth from storage, so a
/// lost or duplicated wake-up costs at most a turn, and a deploy never breaks an in-flight referral.
/// <para>One turn: fire the timers that are due (as the orchestration's time sees it), deliver the
/// outbox and read what comes next; complete if the referral has ended; otherwise sleep until the next
/// due time, an outbox retry, or "referral changed", whichever comes first, and continue as new, which
/// keeps the history of each instance small for a year-long referral. With nothing due the clock
/// waits for a change only: it never wakes on a fixed beat.</para></summary>
public sealed class ReferralClockOrchestration(ActivityRetry? retry = null)
{
    private readonly ActivityRetry retry = retry ?? Retry;

    /// <summary>The first pause after a turn whose activities failed; doubled per consecutive failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>The longest pause between retries of a failing turn.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(6);

    /// <summary>How often one sleep re-arms a timer that fired before its time (the Azure Storage
    /// backend fires up to a second early: its queue visibility is whole seconds).</summary>
    public const int MaxEarlyRearms = 3;

    /// <summary>Retries inside one turn, for transient storage or SMTP errors (the default).</summary>
    public static readonly ActivityRetry Retry = new(
        MaxAttempts: 4, FirstRetryInterval: TimeSpan.FromSeconds(5), BackoffCoefficient: 3,
        MaxRetryInterval: TimeSpan.FromMinutes(2));

    public async Task<ReferralClockOutcome> RunAsync(IReferralClockContext context, ReferralClockInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(input?.ReferralId, nameof(input));
        var now = context.CurrentUtcDateTime;
        var failed = false;

        // A wake at or after the due time the last turn read fires first, so the mail it makes goes in
        // this turn's delivery. A fresh start (nothing known) reads first and fires only what is due.
        var fired = IsDue(input.NextDue, now);
        if (fired) failed |= !await FireAsync(context, input.ReferralId, now);
        var reading = await TryActivity<ClockReading>(context, DeliverOutbox, new ReferralActivityInput(input.ReferralId));
        if (reading.Value is { } first && !fired && IsDue(first.NextDue, now))
        {
            fired = true;
            failed |= !await FireAsync(context, input.ReferralId, now);
            reading = await TryActivity<ClockReading>(context, DeliverOutbox, new ReferralActivityInput(input.ReferralId));
        }
        failed |= !reading.Succeeded;
        var read = reading.Value;

        if (!failed && read!.HasEnded)
        {
            context.SetCustomStatus(new ReferralClockStatus(ReferralClockPhase.Ended, null, input.Turn, 0, read.Version));
            return ReferralClockOutcome.Ended;
        }

        // A timer still due after firing did not clear: back off as after a failure rather than spin.
        var stuck = read is not null && fired && IsDue(read.NextDue, now);
        var failures = failed || stuck ? input.Failures + 1 : 0;
        var wakeAt = WakeAt(now, stuck ? null : read?.NextDue, read?.RetryAt, failures);
        var phase = failures > 0 ? ReferralClockPhase.Retrying
            : wakeAt is null ? ReferralClockPhase.Waiting : ReferralClockPhase.Sleeping;
        // After a failed read, the version seen stays unknown (0): the sweep may then nudge the clock, which is harmless.
        context.SetCustomStatus(new ReferralClockStatus(phase, wakeAt, input.Turn, failures, read?.Version ?? 0));

        await SleepUntilTimerOrChange(context, wakeAt);

        context.ContinueAsNew(input with { Turn = input.Turn + 1, Failures = failures, NextDue = stuck ? null : read?.NextDue ?? input.NextDue });
        return ReferralClockOutcome.ContinuedAsNew;
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

    private async Task<bool> FireAsync(IReferralClockContext context, string referralId, DateTime now) =>
        (await TryActivity<int>(context, FireDueTimers, new FireDueTimersInput(referralId, new DateTimeOffset(now, TimeSpan.Zero)))).Succeeded;

    private static async Task SleepUntilTimerOrChange(IReferralClockContext context, DateTime? wakeAt)
    {
        // One token for both waits: whichever loses is cancelled, so no durable timer is left pending and
        // the instance can continue as new. Which one won does not matter: every wake re-reads the truth.
        using var loser = new CancellationTokenSource();
        var changed = context.WaitForExternalEvent(ReferralChangedEvent, loser.Token);
        if (wakeAt is { } at && at > context.CurrentUtcDateTime)
        {
            for (var arm = 0; arm <= MaxEarlyRearms && !changed.IsCompleted && context.CurrentUtcDateTime < at; arm++)
            {
                // A timer that fired early (by the orchestration's own time) is armed again for the rest,
                // so a timer never fires before its due time as the process sees it.
                await Task.WhenAny(context.CreateTimer(at, loser.Token), changed);
            }
        }
        else if (wakeAt is null)
        {
            await changed;
        }
        loser.Cancel();
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
