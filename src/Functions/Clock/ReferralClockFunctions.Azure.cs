using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Referrals.Functions.Clock;

/// <summary>The referral clock's orchestrator: the trigger attribute only; the orchestrator is the one
/// the standalone host runs on its engine (<see cref="ReferralClockOrchestrator"/>).</summary>
public static class ReferralClockOrchestratorFunction
{
    [Function(ReferralClockNames.Orchestrator)]
    public static Task<ReferralClockOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReferralClockOrchestrator().RunAsync(context, context.GetInput<ReferralClockInput>());
}

/// <summary>The referral clock's activities, forwarding to <see cref="ReferralClockActivities"/>.</summary>
public sealed class ReferralClockActivityFunctions(ReferralClockActivities activities)
{
    [Function(ReferralClockNames.FireDueTimers)]
    public Task<ClockReading> FireDueTimers([ActivityTrigger] FireDueTimersInput input, FunctionContext ctx) =>
        activities.FireDueTimersAsync(input, ctx.CancellationToken);

    [Function(ReferralClockNames.DeliverOutbox)]
    public Task<ClockReading> DeliverOutbox([ActivityTrigger] ReferralActivityInput input, FunctionContext ctx) =>
        activities.DeliverOutboxAsync(input, ctx.CancellationToken);
}

/// <summary>Every 15 minutes: start the clock of any referral that needs one and has none, and wake a
/// clock that has not seen its referral's latest change (<see cref="OrchestrationSweep"/>).</summary>
public sealed class ReferralClockSweepFunction(OrchestrationSweep sweep)
{
    [Function(ReferralClockNames.Sweep)]
    public async Task Run(
        [TimerTrigger("0 */15 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext ctx)
    {
        using (DurableClientScope.Use(client))
            // The engine's timestamps are wall-clock time: the sweep's grace is measured on the same clock.
            await sweep.RunAsync(TimeProvider.System.GetUtcNow(), ctx.CancellationToken);
    }
}
