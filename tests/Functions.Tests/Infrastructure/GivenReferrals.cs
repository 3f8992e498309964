using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Tests.Infrastructure;

/// <summary>Given events: a referral's history written to its partition through the product's own row writers
/// (the events, the snapshot they fold to and its timers), as a commit of them leaves it. One home for the
/// HTTP specifications, the live hosts' tests and the in-process API tests.</summary>
public static class GivenReferrals
{
    /// <summary>Writes <paramref name="events"/> as referral <paramref name="id"/> of the host whose services these are.</summary>
    public static async Task WriteAsync(IServiceProvider services, string id, IReadOnlyList<ReferralEvent> events)
    {
        var storage = services.GetRequiredService<StorageAccount>();
        await storage.EnsureCreatedAsync();
        if (events.Count == 0) return;
        var decider = services.GetRequiredService<ReferralDecider>();
        var state = ReferralDecider.Replay(id, events);
        var rows = events.Select((e, n) => new TableTransactionAction(TableTransactionActionType.Add, ReferralRows.EventRow(id, n + 1, e))).ToList();
        rows.Add(new(TableTransactionActionType.Add, ReferralRows.SnapshotRow(state, decider.Schedule(state))));
        await storage.Referrals.SubmitTransactionAsync(rows);
    }

    /// <summary>A fresh referral id (the tests share storage; each referral is its own partition).</summary>
    public static string NewId(string prefix = "r") => prefix + "-" + Guid.NewGuid().ToString("N")[..12];
}

/// <summary>One Azurite for the in-process hosts of this test process (ApiFactory in Functions.Tests, TestSide in Functions.AzureTests), which are
/// made without an xunit fixture: REFERRALS_TEST_STORAGE when set (scripts/test and .ci/run start it for all
/// projects), otherwise Azurite started in memory on free loopback ports and stopped when the process exits.</summary>
public static class SharedDevServices
{
    private static readonly Lazy<DevServices> Started = new(Start);

    public static DevServices Instance => Started.Value;

    private static DevServices Start()
    {
        var services = new DevServices();
        services.InitializeAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => services.DisposeAsync().GetAwaiter().GetResult();
        return services;
    }
}
