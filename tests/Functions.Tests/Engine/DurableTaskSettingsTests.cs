using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Referrals.Functions.Clock;
using Referrals.Functions.Reports;
using Referrals.Functions.Hosting;
using Referrals.Functions.Referrals;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Tests.Engine;

/// <summary>The standalone engine's settings follow section <c>DurableTask</c> as host.json's names mean them.</summary>
public sealed class DurableTaskSettingsTests
{
    private static readonly StorageOptions Storage = new() { ConnectionString = "UseDevelopmentStorage=true" };

    [Fact]
    public void Extended_sessions_are_off_unless_asked_for_and_then_idle_as_long_as_configured()
    {
        var counter = new StorageRequestCounter(Options.Create(Storage));
        var byDefault = DurableTaskEngine.Settings(new DurableTaskOptions(), Storage, counter, NullLoggerFactory.Instance);
        Assert.False(byDefault.ExtendedSessionsEnabled);

        var asked = DurableTaskEngine.Settings(new DurableTaskOptions
        {
            ExtendedSessionsEnabled = true, ExtendedSessionIdleTimeoutInSeconds = 7, MaxConcurrentOrchestratorFunctions = 40, MaxConcurrentActivityFunctions = 30,
        }, Storage, counter, NullLoggerFactory.Instance);
        Assert.True(asked.ExtendedSessionsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(7), asked.ExtendedSessionIdleTimeout);
        Assert.Equal((40, 30), (asked.MaxConcurrentTaskOrchestrationWorkItems, asked.MaxConcurrentTaskActivityWorkItems));
    }
}
