using Microsoft.DurableTask;
using Referrals.Functions.Orchestration;

namespace Referrals.Functions.AzureFunctions.Orchestration;

/// <summary>Adapts the durable context to the little the referral clock needs; nothing else of the
/// durable SDK reaches the orchestration logic, which is tested without it.</summary>
internal sealed class DurableReferralClockContext(TaskOrchestrationContext context) : IReferralClockContext
{
    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) =>
        context.CreateTimer(fireAt, cancellationToken);

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
