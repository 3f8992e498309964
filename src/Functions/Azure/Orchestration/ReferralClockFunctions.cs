using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Referrals.Functions.Orchestration;

namespace Referrals.Functions.AzureFunctions.Orchestration;

/// <summary>The referral clock's orchestrator: trigger attribute and adapter only; the logic is
/// <see cref="ReferralClockOrchestration"/>.</summary>
public static class ReferralClockOrchestratorFunction
{
    [Function(ReferralClockNames.Orchestrator)]
    public static Task<ReferralClockOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        // Instance id = referral id, so an instance started without input (by hand) still knows its referral.
        var input = context.GetInput<ReferralClockInput>() ?? new ReferralClockInput(context.InstanceId);
        return new ReferralClockOrchestration().RunAsync(new DurableReferralClockContext(context), input);
    }
}

/// <summary>The referral clock's activities, forwarding to <see cref="ReferralClockActivities"/>.</summary>
public sealed class ReferralClockActivityFunctions(ReferralClockActivities activities)
{
    [Function(ReferralClockNames.NextDue)]
    public Task<NextDueResult> NextDue([ActivityTrigger] ReferralActivityInput input, FunctionContext ctx) =>
        activities.NextDueAsync(input, ctx.CancellationToken);

    [Function(ReferralClockNames.FireDueTimers)]
    public Task<int> FireDueTimers([ActivityTrigger] FireDueTimersInput input, FunctionContext ctx) =>
        activities.FireDueTimersAsync(input, ctx.CancellationToken);

    [Function(ReferralClockNames.DeliverOutbox)]
    public Task<int> DeliverOutbox([ActivityTrigger] ReferralActivityInput input, FunctionContext ctx) =>
        activities.DeliverOutboxAsync(input, ctx.CancellationToken);
}

/// <summary>Every 15 minutes: start the clock of any open referral whose orchestration is missing or
/// finished, and stop the stuck ones (<see cref="OrchestrationSweep"/>).</summary>
public sealed class ReferralClockSweepFunction(OrchestrationSweep sweep, TimeProvider time)
{
    [Function(ReferralClockNames.Sweep)]
    public async Task Run(
        [TimerTrigger("0 */15 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext ctx)
    {
        using (DurableClientScope.Use(client))
            await sweep.RunAsync(time.GetUtcNow(), ctx.CancellationToken);
    }
}
