using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Hosting;
using Referrals.Functions.Referrals;
using Referrals.Functions.Commands;

namespace Referrals.Benchmarks.Storage;

/// <summary>The cost of one command end to end on Table Storage (Azurite on loopback): one point read,
/// the decider, one entity-group transaction. Needs Azurite: run through scripts/bench, which starts it
/// and sets REFERRALS_TEST_STORAGE.</summary>
[MemoryDiagnoser]
public class CommandPathBenchmarks
{
    private static readonly Actor Worker = new("worker-1", Role.ReferringWorker, "unit-1");
    private static readonly Actor Member = new("member-1", Role.ReviewBodyMember, "vantaa-steering-group");

    private ServiceProvider services = null!;
    private IReferralCommands commands = null!;
    private IReferralReader reader = null!;
    private string existing = "";

    [GlobalSetup]
    public async Task Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Environment.GetEnvironmentVariable("REFERRALS_TEST_STORAGE") ?? "UseDevelopmentStorage=true",
            ["Signing:LinkSecret"] = "bench-only-signing-link-secret-0123456789abcdef",
            // The client records' key-encryption key (base64 of 32 bytes; a test value, never a real key).
            ["ClientRecords:DevelopmentKey"] = "dGVzdC1vbmx5LWNsaWVudC1yZWNvcmRzLWtlay0wMDE=",
            ["Storage:NamePrefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
        }).Build();
        // The command path alone: no engine to wake (the clock's cost is Engine.ClockCost's).
        services = new ServiceCollection().AddLogging()
            .AddSingleton<Functions.Clock.IReferralChangeNotifier, NoClock>()
            .AddReferralsApplication(configuration).BuildServiceProvider();
        commands = services.GetRequiredService<IReferralCommands>();
        reader = services.GetRequiredService<IReferralReader>();
        existing = await SubmitAsync();
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    private static SubmitReferral Submission() =>
        new("vantaa-steering-group", "client-1", new DateOnly(1990, 5, 5), "sr-everyday-coaching", "Arvio asiakkaan tilanteesta.",
            ImmutableList.Create("Arjen rytmi"), new DateOnly(2027, 3, 1)) { By = Worker };

    private async Task<string> SubmitAsync()
    {
        var id = Guid.NewGuid().ToString("N");
        var result = await commands.ExecuteAsync(id, Submission(), idempotencyKey: id, expectedVersion: null);
        return result is CommandResult.Accepted ? id : throw new InvalidOperationException($"Submit failed: {result}");
    }

    /// <summary>A new referral: point read (miss) + one transaction.</summary>
    [Benchmark]
    public Task<string> Submit() => SubmitAsync();

    /// <summary>A new referral and its review: two commands, each one read + one transaction.</summary>
    [Benchmark]
    public async Task<bool> SubmitAndReview()
    {
        var id = await SubmitAsync();
        return await commands.ExecuteAsync(id, new ReviewReferral(ReviewOutcome.Approve, "Tarve on selvä.") { By = Member }, id + "-r", null) is CommandResult.Accepted;
    }

    /// <summary>A retried request: answered from the idempotency row, nothing written.</summary>
    [Benchmark]
    public async Task<bool> IdempotentRetry() => await commands.ExecuteAsync(existing, Submission(), existing, null) is CommandResult.Accepted;

    /// <summary>The snapshot read behind GET /api/referrals/{id}.</summary>
    [Benchmark]
    public Task<ReferralState?> PointRead() => reader.GetAsync(existing);

    private sealed class NoClock : Functions.Clock.IReferralChangeNotifier
    {
        public Task ReferralChangedAsync(string referralId, int version, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
