using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Referrals.Functions.Orchestration;

namespace Referrals.Functions.AzureFunctions.Orchestration;

/// <summary><see cref="IOrchestrationInstances"/> over the durable client of the current invocation
/// (<see cref="DurableClientScope"/>). Instance id = referral id; the payloads carry that id only.</summary>
internal sealed class DurableOrchestrationInstances : IOrchestrationInstances
{
    private static DurableTaskClient Client => DurableClientScope.Current ?? throw new InvalidOperationException(
        "No durable client in this invocation: declare [DurableClient] DurableTaskClient and wrap the call in DurableClientScope.Use.");

    public async Task<InstanceSnapshot?> GetAsync(string referralId, CancellationToken cancellationToken = default)
    {
        var instance = await Client.GetInstanceAsync(referralId, getInputsAndOutputs: false, cancellationToken);
        return instance is null ? null : new InstanceSnapshot(StateOf(instance.RuntimeStatus), instance.LastUpdatedAt);
    }

    public Task StartAsync(string referralId, CancellationToken cancellationToken = default) =>
        Client.ScheduleNewOrchestrationInstanceAsync(
            ReferralClockNames.Orchestrator, new ReferralClockInput(referralId),
            new StartOrchestrationOptions(InstanceId: referralId), cancellationToken);

    public Task RaiseChangedAsync(string referralId, CancellationToken cancellationToken = default) =>
        Client.RaiseEventAsync(referralId, ReferralClockNames.ReferralChangedEvent, null, cancellationToken);

    public Task TerminateAsync(string referralId, string reason, CancellationToken cancellationToken = default) =>
        Client.TerminateInstanceAsync(referralId, (object)reason, cancellationToken);

    private static InstanceState StateOf(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => InstanceState.Pending,
        OrchestrationRuntimeStatus.Running => InstanceState.Running,
        OrchestrationRuntimeStatus.Suspended => InstanceState.Suspended,
        OrchestrationRuntimeStatus.Completed => InstanceState.Completed,
        OrchestrationRuntimeStatus.Failed => InstanceState.Failed,
        OrchestrationRuntimeStatus.Terminated => InstanceState.Terminated,
        // ContinuedAsNew and Canceled are obsolete in the SDK; named by string to stay warning-free.
        _ when status.ToString() == "Canceled" => InstanceState.Canceled,
        _ => InstanceState.Running,
    };
}
