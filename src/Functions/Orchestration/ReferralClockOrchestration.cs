using static Referrals.Functions.Orchestration.ReferralClockNames;

namespace Referrals.Functions.Orchestration;

/// <summary>The referral's clock and courier, as a durable orchestration per referral (instance id =
/// referral id). It holds no state of the referral: each turn re-reads the truth from storage, so a
/// lost or duplicated wake-up costs at most a turn, and a deploy never breaks an in-flight referral.
/// <para>One turn: fire the timers that are due and deliver the outbox (so a new or restarted instance
/// catches up at once, and a closing command's mail goes out before the instance ends); read the next
/// due time; complete if the referral has ended; otherwise sleep until the next due time (never more
/// than a day) or until "referral changed", whichever comes first; then continue as new, which keeps
/// the history of each instance small for a year-long referral.</para></summary>
public sealed class ReferralClockOrchestration
{
    /// <summary>The longest sleep: waking at least daily re-reads the truth and bounds how long a
    /// missed wake-up can delay anything; it also lets the sweep treat a silent instance as stuck.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromDays(1);

    /// <summary>The first pause after a turn whose activities failed; doubled per consecutive failure, up to <see cref="MaxSleep"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>Retries inside one turn, for transient storage or SMTP errors.</summary>
    public static readonly ActivityRetry Retry = new(
        MaxAttempts: 4, FirstRetryInterval: TimeSpan.FromSeconds(5), BackoffCoefficient: 3,
        MaxRetryInterval: TimeSpan.FromMinutes(2));

    public async Task<ReferralClockOutcome> RunAsync(IReferralClockContext context, ReferralClockInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(input?.ReferralId, nameof(input));
        var referral = new ReferralActivityInput(input.ReferralId);
        var turnStart = context.CurrentUtcDateTime;

        var fired = await TryActivity<int>(context, FireDueTimers,
            new FireDueTimersInput(input.ReferralId, new DateTimeOffset(turnStart, TimeSpan.Zero)));
        var delivered = await TryActivity<int>(context, DeliverOutbox, referral);
        var due = await TryActivity<NextDueResult>(context, NextDue, referral);

        var turnFailed = !fired.Succeeded || !delivered.Succeeded || !due.Succeeded;
        if (!turnFailed && due.Value!.HasEnded)
        {
            context.SetCustomStatus(new ReferralClockStatus(ReferralClockPhase.Ended, null, input.Turn, 0));
            return ReferralClockOutcome.Ended;
        }

        // A timer still due at the time we fired did not clear: wait as after a failure rather than spin.
        var stuckTimer = due.Value?.NextDue is { } next && next.UtcDateTime <= turnStart;
        var failures = turnFailed || stuckTimer ? input.Failures + 1 : 0;
        var now = context.CurrentUtcDateTime;
        var wakeAt = WakeAt(now, stuckTimer ? null : due.Value?.NextDue, failures);
        var phase = failures > 0 ? ReferralClockPhase.Retrying
            : wakeAt > now ? ReferralClockPhase.Sleeping : ReferralClockPhase.CatchingUp;
        context.SetCustomStatus(new ReferralClockStatus(phase, wakeAt, input.Turn, failures));

        if (wakeAt > now)
            await SleepUntilTimerOrChange(context, wakeAt);

        context.ContinueAsNew(input with { Turn = input.Turn + 1, Failures = failures });
        return ReferralClockOutcome.ContinuedAsNew;
    }

    /// <summary>When to wake: the next due time, but never later than a day from now, and sooner
    /// (with exponential backoff) after failures. A due time already passed means "now".</summary>
    public static DateTime WakeAt(DateTime now, DateTimeOffset? nextDue, int failures)
    {
        var latest = now + (failures > 0 ? RetryDelay(failures) : MaxSleep);
        if (nextDue is not { } due) return latest;
        var dueUtc = due.UtcDateTime;
        return dueUtc < latest ? (dueUtc > now ? dueUtc : now) : latest;
    }

    /// <summary>5 min, 10 min, 20 min … capped at a day.</summary>
    public static TimeSpan RetryDelay(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 20);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < MaxSleep ? delay : MaxSleep;
    }

    private static async Task SleepUntilTimerOrChange(IReferralClockContext context, DateTime wakeAt)
    {
        // One token for both waits: whichever loses is cancelled, so no durable timer is left pending.
        // Which one won does not matter: every wake re-reads the truth in the next turn.
        using var loser = new CancellationTokenSource();
        var timer = context.CreateTimer(wakeAt, loser.Token);
        var changed = context.WaitForExternalEvent(ReferralChangedEvent, loser.Token);
        await Task.WhenAny(timer, changed);
        loser.Cancel();
    }

    private static async Task<ActivityOutcome<T>> TryActivity<T>(IReferralClockContext context, string name, object input)
    {
        try
        {
            return new ActivityOutcome<T>(true, await context.CallActivity<T>(name, input, Retry));
        }
        catch (ActivityFailedException)
        {
            // Nothing is lost: the timers stay in the schedule and the outbox rows stay pending, so a
            // later turn does the work again. The custom status shows the failure count meanwhile.
            return new ActivityOutcome<T>(false, default);
        }
    }

    private readonly record struct ActivityOutcome<T>(bool Succeeded, T? Value);
}
