using Microsoft.DurableTask;

namespace Referrals.Functions.Clock;

/// <summary>Adapts the durable context to the little the referral clock needs; nothing else of the
/// durable SDK reaches the orchestration logic, which is also tested without it. Used by both hosts.</summary>
internal sealed class DurableReferralClockContext(TaskOrchestrationContext context) : IReferralClockContext
{
    /// <summary>How far past its due time every durable timer is set: the Azure Storage backend fires a
    /// timer up to a second early (its queue visibility is whole seconds).</summary>
    public static readonly TimeSpan EarlyMargin = TimeSpan.FromSeconds(1);

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    /// <summary>Completes at or after <paramref name="fireAt"/>. The timer is set <see cref="EarlyMargin"/>
    /// past the due time, so the backend's rounding lands at or after it and a due time costs one durable
    /// timer (a second of delay on a reminder due days later), not an early fire and a second timer.
    /// Should a backend still fire before the due time, one more timer is set a margin past it.</summary>
    public async Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        await context.CreateTimer(fireAt + EarlyMargin, cancellationToken);
        if (context.CurrentUtcDateTime < fireAt)
            await context.CreateTimer(fireAt + EarlyMargin, cancellationToken);
    }

    public Task WaitForExternalEvent(string eventName, CancellationToken cancellationToken) =>
        context.WaitForExternalEvent<object?>(eventName, cancellationToken);

    public async Task<TResult> CallActivity<TResult>(string name, object input, ActivityRetry retry)
    {
        var options = TaskOptions.FromRetryPolicy(new RetryPolicy(
            retry.MaxAttempts, retry.FirstRetryInterval, retry.BackoffCoefficient, retry.MaxRetryInterval));
        try
        {
            return await context.CallActivityAsync<TResult>(name, input, options);
        }
        catch (TaskFailedException e)
        {
            throw new ActivityFailedException(name, e.FailureDetails?.ErrorType, e);
        }
    }

    public void ContinueAsNew(ReferralClockInput input) => context.ContinueAsNew(input, preserveUnprocessedEvents: true);

    public void SetCustomStatus(ReferralClockStatus status) => context.SetCustomStatus(status);
}

/// <summary>How the orchestrator sees its durable context. Production: <see cref="DurableReferralClockContext"/>
/// as it is. The one seam for tests on a real engine, which runs on wall-clock time, to compress a
/// year into minutes (the process itself knows one time only).</summary>
internal delegate IReferralClockContext ReferralClockContextFactory(TaskOrchestrationContext context);

/// <summary>The referral clock as a Durable Task orchestrator, the same class in both hosts: the Functions
/// trigger calls <see cref="RunAsync"/>, the standalone host registers it with the engine through the
/// SDK's shims. Instance id = referral id, so an instance started without input still knows its referral.</summary>
/// <param name="retry">The activities' retry policy; <see cref="ReferralClockOrchestration.Retry"/> unless a test shortens it.</param>
/// <param name="turnsPerRun">Turns before continue-as-new; <see cref="ReferralClockOrchestration.TurnsPerRun"/> unless a test shortens it.</param>
internal sealed class ReferralClockOrchestrator(
    ReferralClockContextFactory? adapt = null, ActivityRetry? retry = null, int turnsPerRun = ReferralClockOrchestration.TurnsPerRun)
    : TaskOrchestrator<ReferralClockInput?, ReferralClockOutcome>
{
    private readonly ReferralClockContextFactory adapt = adapt ?? (context => new DurableReferralClockContext(context));

    public override Task<ReferralClockOutcome> RunAsync(TaskOrchestrationContext context, ReferralClockInput? input) =>
        new ReferralClockOrchestration(retry, turnsPerRun).RunAsync(adapt(context), input ?? new ReferralClockInput(context.InstanceId));
}
