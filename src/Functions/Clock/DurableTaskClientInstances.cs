using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Referrals.Functions.Clock;

/// <summary><see cref="IOrchestrationInstances"/> over the Durable Task SDK's client: the Functions host's
/// [DurableClient] binding of the current invocation, or any other <see cref="DurableTaskClient"/> (the
/// in-process test host's). Instance id = referral id; the payloads carry that id only.</summary>
/// <param name="client">The client to use for each call (the Functions binding changes per invocation).</param>
internal sealed class DurableTaskClientInstances(Func<DurableTaskClient> client) : IOrchestrationInstances
{
    public async Task<InstanceSnapshot?> GetAsync(string referralId, CancellationToken cancellationToken = default)
    {
        var instance = await client().GetInstanceAsync(referralId, getInputsAndOutputs: true, cancellationToken);
        return instance is null
            ? null
            : new InstanceSnapshot(StateOf(instance.RuntimeStatus), instance.LastUpdatedAt, InstanceSnapshot.ParseStatus(instance.SerializedCustomStatus));
    }

    public async Task StartAsync(string referralId, CancellationToken cancellationToken = default) =>
        await client().ScheduleNewOrchestrationInstanceAsync(
            ReferralClockNames.Orchestrator, new ReferralClockInput(referralId),
            new StartOrchestrationOptions(InstanceId: referralId), cancellationToken);

    public Task RaiseChangedAsync(string referralId, CancellationToken cancellationToken = default) =>
        client().RaiseEventAsync(referralId, ReferralClockNames.ReferralChangedEvent, null, cancellationToken);

    public Task TerminateAsync(string referralId, string reason, CancellationToken cancellationToken = default) =>
        client().TerminateInstanceAsync(referralId, (object)reason, cancellationToken);

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
