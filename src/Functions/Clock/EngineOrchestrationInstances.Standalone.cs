using DurableTask.Core;
using DurableTask.Core.Exceptions;

namespace Referrals.Functions.Clock;

/// <summary><see cref="IOrchestrationInstances"/> over the engine's <see cref="TaskHubClient"/> (the SDK's
/// client shim over an orchestration service is not served here). Instance id = referral id; the
/// payloads carry that id only.</summary>
internal sealed class EngineOrchestrationInstances(DurableTaskEngine engine) : IOrchestrationInstances
{
    /// <summary>A live instance of these states is kept: starting again throws instead.</summary>
    private static readonly OrchestrationStatus[] Live =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Suspended];

    public async Task<InstanceSnapshot?> GetAsync(string referralId, CancellationToken cancellationToken = default)
    {
        var state = await engine.Client.GetOrchestrationStateAsync(referralId).WaitAsync(cancellationToken);
        return state is null
            ? null
            : new InstanceSnapshot(StateOf(state.OrchestrationStatus), new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
                InstanceSnapshot.ParseStatus(state.Status));
    }

    public async Task StartAsync(string referralId, CancellationToken cancellationToken = default)
    {
        try
        {
            await engine.Client.CreateOrchestrationInstanceAsync(
                ReferralClockNames.Orchestrator, string.Empty, referralId, new ReferralClockInput(referralId), null, Live)
                .WaitAsync(cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException e)
        {
            throw new InvalidOperationException($"The clock of {referralId} is already running.", e);
        }
    }

    public Task RaiseChangedAsync(string referralId, CancellationToken cancellationToken = default) =>
        engine.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = referralId }, ReferralClockNames.ReferralChangedEvent, null!)
            .WaitAsync(cancellationToken);

    public Task TerminateAsync(string referralId, string reason, CancellationToken cancellationToken = default) =>
        engine.Client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = referralId }, reason).WaitAsync(cancellationToken);

    private static InstanceState StateOf(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => InstanceState.Pending,
        OrchestrationStatus.Running or OrchestrationStatus.ContinuedAsNew => InstanceState.Running,
        OrchestrationStatus.Suspended => InstanceState.Suspended,
        OrchestrationStatus.Completed => InstanceState.Completed,
        OrchestrationStatus.Failed => InstanceState.Failed,
        OrchestrationStatus.Canceled => InstanceState.Canceled,
        OrchestrationStatus.Terminated => InstanceState.Terminated,
        _ => InstanceState.Running,
    };
}
