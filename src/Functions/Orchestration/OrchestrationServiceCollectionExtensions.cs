using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Referrals.Functions.Clock;

namespace Referrals.Functions.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>The durable referral clock's application side (Azure build): activities, sweep and the
    /// change notifier. The host adds the adapters for <see cref="IOrchestrationInstances"/>; storage
    /// provides <see cref="IReferralClock"/>, <see cref="IOutboxCourier"/> and <see cref="IOpenReferrals"/>.
    /// Replaces the standalone notifier, since here the orchestration is the clock.</summary>
    public static IServiceCollection AddReferralClockOrchestration(this IServiceCollection services)
    {
        services.TryAddSingleton<ReferralClockOrchestration>();
        services.TryAddScoped<ReferralClockActivities>();
        services.TryAddScoped<OrchestrationSweep>();
        // A singleton, because the command path that calls it may be one.
        services.RemoveAll<IReferralChangeNotifier>();
        services.AddSingleton<IReferralChangeNotifier, OrchestrationChangeNotifier>();
        return services;
    }
}
