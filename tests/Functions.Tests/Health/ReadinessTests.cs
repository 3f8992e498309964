using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Referrals.Functions.Operations;

namespace Referrals.Functions.Tests.Health;

/// <summary>Readiness asks the dependencies at most once per interval, however often it is called.</summary>
public sealed class ReadinessTests
{
    private sealed class CountingProbe(string name) : IReachabilityProbe
    {
        public int Calls;
        public TaskCompletionSource<bool> Answer { get; set; } = CompletedWith(true);

        public string Name => name;

        public Task<bool> IsReachableAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Answer.Task;
        }

        public static TaskCompletionSource<bool> CompletedWith(bool value)
        {
            var source = new TaskCompletionSource<bool>();
            source.SetResult(value);
            return source;
        }
    }

    private static readonly HealthOptions Options = new() { ReadinessInterval = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Calls_within_the_interval_share_one_check_and_the_next_interval_checks_again()
    {
        var time = new FakeTimeProvider();
        var smtp = new CountingProbe("smtp");
        var storage = new CountingProbe("storage");
        var readiness = new Readiness([storage, smtp], Microsoft.Extensions.Options.Options.Create(Options), time);

        for (var i = 0; i < 100; i++)
            Assert.Equal("healthy", (await readiness.ReportAsync(CancellationToken.None)).Status);
        Assert.Equal((1, 1), (smtp.Calls, storage.Calls));

        time.Advance(TimeSpan.FromSeconds(4.9));
        await readiness.ReportAsync(CancellationToken.None);
        Assert.Equal(1, smtp.Calls);

        smtp.Answer = CountingProbe.CompletedWith(false);
        time.Advance(TimeSpan.FromSeconds(0.2));
        var report = await readiness.ReportAsync(CancellationToken.None);
        Assert.Equal(("unhealthy", "unreachable"), (report.Status, report.Checks["smtp"]));
        Assert.Equal(2, smtp.Calls);
    }

    [Fact]
    public async Task Callers_arriving_during_a_check_wait_for_it_and_one_that_gives_up_cancels_only_itself()
    {
        var time = new FakeTimeProvider();
        var smtp = new CountingProbe("smtp") { Answer = new TaskCompletionSource<bool>() };
        var readiness = new Readiness([smtp], Microsoft.Extensions.Options.Options.Create(Options), time);

        using var impatient = new CancellationTokenSource();
        var first = readiness.ReportAsync(impatient.Token);
        var others = Enumerable.Range(0, 20).Select(_ => readiness.ReportAsync(CancellationToken.None)).ToList();
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        smtp.Answer.SetResult(true);
        Assert.All(await Task.WhenAll(others), r => Assert.Equal("healthy", r.Status));
        Assert.Equal(1, smtp.Calls);
    }
}
