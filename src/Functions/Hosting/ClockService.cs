using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Functions.Clock;

namespace Referrals.Functions.Hosting;

/// <summary>The standalone clock: sleeps until the next due time in the <c>Schedule</c> table, until a
/// command schedules something (<see cref="ReferralSignals.WakeClock"/>), or until the safety-net poll,
/// then fires what is due. Time comes from <see cref="TimeProvider"/>, so tests can move it.</summary>
public sealed class ClockService(
    TimerDispatcher dispatcher, ReferralSignals signals, TimeProvider time, IOptions<ClockOptions> options, ILogger<ClockService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signals.ClockWoken;
            var wait = poll;
            try
            {
                await dispatcher.FireDueAsync(stoppingToken);
                if (await dispatcher.NextDueAsync(stoppingToken) is { } next)
                {
                    var until = next - time.GetUtcNow();
                    // Claimed timers count from the end of their claim. One due but unclaimed was added
                    // while this pass ran: look again in a second.
                    if (until <= TimeSpan.Zero) until = TimeSpan.FromSeconds(1);
                    if (until < poll) wait = until;
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogError(failure, "The clock failed; it tries again at the next poll");
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                await Task.WhenAny(Task.Delay(wait, time, sleep.Token), woken.WaitAsync(sleep.Token));
            }
            finally
            {
                await sleep.CancelAsync();
            }
        }
    }
}
