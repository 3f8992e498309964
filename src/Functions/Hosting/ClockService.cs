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
        var again = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signals.ClockWoken;
            var wait = poll;
            var dueNow = false;
            try
            {
                await dispatcher.FireDueAsync(stoppingToken);
                if (await dispatcher.NextDueAsync(stoppingToken) is { } next)
                {
                    var until = next - time.GetUtcNow();
                    // Claimed timers count from the end of their claim, so one due and unclaimed came
                    // due (or was scheduled) while this pass ran: fire it now, but never spin.
                    dueNow = until <= TimeSpan.Zero;
                    if (dueNow) until = TimeSpan.FromSeconds(1);
                    if (until < poll) wait = until;
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogError(failure, "The clock failed; it tries again at the next poll");
            }

            again = dueNow ? again + 1 : 0;
            if (dueNow && again <= 3) continue;

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
