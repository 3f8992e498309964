using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Referrals.Functions.Clock;
using Referrals.Functions.Reports;
using Referrals.Functions.Hosting;
using Referrals.Functions.Referrals;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.AzureHost;

namespace Referrals.Functions.Tests.Engine;

/// <summary>The standalone engine's settings follow section <c>DurableTask</c> as host.json's names mean them.</summary>
public sealed class DurableTaskSettingsTests
{
    private static readonly StorageOptions Storage = new() { ConnectionString = "UseDevelopmentStorage=true" };

    [Fact]
    public void Extended_sessions_are_on_by_default_and_idle_as_long_as_configured()
    {
        var counter = new StorageRequestCounter(Options.Create(Storage));
        var byDefault = DurableTaskEngine.Settings(new DurableTaskOptions(), Storage, counter, NullLoggerFactory.Instance);
        Assert.True(byDefault.ExtendedSessionsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(2), byDefault.ExtendedSessionIdleTimeout);

        var asked = DurableTaskEngine.Settings(new DurableTaskOptions
        {
            ExtendedSessionsEnabled = false, ExtendedSessionIdleTimeoutInSeconds = 7, MaxConcurrentOrchestratorFunctions = 40, MaxConcurrentActivityFunctions = 30,
        }, Storage, counter, NullLoggerFactory.Instance);
        Assert.False(asked.ExtendedSessionsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(7), asked.ExtendedSessionIdleTimeout);
        Assert.Equal((40, 30), (asked.MaxConcurrentTaskOrchestrationWorkItems, asked.MaxConcurrentTaskActivityWorkItems));
    }

    /// <summary>One engine, two hosts: the Functions host reads host.json, the standalone host these defaults.
    /// A value tuned in one (the sustained benchmark's) must not silently differ in the other.</summary>
    [Fact]
    public void The_standalone_defaults_are_host_json_values()
    {
        var durable = JsonDocument.Parse(RepositoryFiles.Read("src/Functions/host.json")).RootElement
            .GetProperty("extensions").GetProperty("durableTask");
        var provider = durable.GetProperty("storageProvider");
        var defaults = new DurableTaskOptions();
        static TimeSpan Span(JsonElement e, string name) => TimeSpan.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

        Assert.Equal(defaults.HubName, durable.GetProperty("hubName").GetString());
        Assert.Equal(defaults.MaxConcurrentActivityFunctions, durable.GetProperty("maxConcurrentActivityFunctions").GetInt32());
        Assert.Equal(defaults.MaxConcurrentOrchestratorFunctions, durable.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32());
        Assert.Equal(defaults.ExtendedSessionsEnabled, durable.GetProperty("extendedSessionsEnabled").GetBoolean());
        Assert.Equal(defaults.ExtendedSessionIdleTimeoutInSeconds, durable.GetProperty("extendedSessionIdleTimeoutInSeconds").GetInt32());
        Assert.Equal(defaults.StorageProvider.PartitionCount, provider.GetProperty("partitionCount").GetInt32());
        Assert.Equal(defaults.StorageProvider.MaxQueuePollingInterval, Span(provider, "maxQueuePollingInterval"));
        Assert.Equal(defaults.StorageProvider.ControlQueueVisibilityTimeout, Span(provider, "controlQueueVisibilityTimeout"));
        Assert.Equal(defaults.StorageProvider.WorkItemQueueVisibilityTimeout, Span(provider, "workItemQueueVisibilityTimeout"));
    }
}
