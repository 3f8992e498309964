using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Clock;

internal static class OrchestrationServiceCollectionExtensions
{
    /// <summary>The durable referral clock's application side, the same in both hosts: activities, sweep
    /// (with its sources: open referrals from the listing read model, and referrals with outbox rows)
    /// and the change notifier. The host adds <see cref="IOrchestrationInstances"/> over its engine's client.</summary>
    public static IServiceCollection AddReferralClockOrchestration(this IServiceCollection services)
    {
        services.TryAddSingleton<ReferralClockActivities>();
        services.TryAddSingleton<OrchestrationSweep>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOpenReferrals, IndexOpenReferrals>(
            sp => new IndexOpenReferrals(sp.GetRequiredKeyedService<StorageAccount>(StorageAccount.Background).Index)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOpenReferrals, PendingOutboxReferrals>(
            sp => new PendingOutboxReferrals(sp.GetRequiredService<OutboxSweep>())));
        // A singleton, because the command path that calls it is one.
        services.TryAddSingleton<IReferralChangeNotifier, OrchestrationChangeNotifier>();
        return services;
    }
}
