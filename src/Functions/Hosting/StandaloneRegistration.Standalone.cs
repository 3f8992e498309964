using Referrals.Functions.Reports;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Referrals.Functions.Clock;

namespace Referrals.Functions.Hosting;

internal static class StandaloneRegistration
{
    /// <summary>The standalone host's clock: the Durable Task engine in-process (see <see cref="DurableTaskEngine"/>),
    /// its client behind <see cref="IOrchestrationInstances"/>, and the periodic sweep.</summary>
    public static IServiceCollection AddStandaloneEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DurableTaskOptions>().Bind(configuration.GetSection(DurableTaskOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => Validator.TryValidateObject(o.StorageProvider, new ValidationContext(o.StorageProvider), null, validateAllProperties: true),
                "DurableTask:StorageProvider is invalid: PartitionCount 1–16, MaxQueuePollingInterval 0.1 s – 1 min.")
            .ValidateOnStart();
        services.TryAddSingleton<DurableTaskEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableTaskEngine>());
        services.TryAddSingleton<IOrchestrationInstances, EngineOrchestrationInstances>();
        services.AddHostedService<ClockSweepService>();
        services.AddHostedService<ReportMarkSweepService>();
        return services;
    }
}
