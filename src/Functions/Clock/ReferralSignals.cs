using System.Threading.Channels;

namespace Referrals.Functions.Clock;

/// <summary>The standalone <see cref="IReferralChangeNotifier"/>: after a commit it queues the referral
/// for the courier and wakes the clock. In memory only: what a crash loses here, the sweep and the poll
/// find again.</summary>
public sealed class ReferralSignals : IReferralChangeNotifier
{
    private readonly Channel<string> changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock gate = new();
    private TaskCompletionSource clockWake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Referrals whose outbox may hold work, in the order they changed.</summary>
    public ChannelReader<string> Changed => changed.Reader;

    public Task ReferralChangedAsync(string referralId, CancellationToken cancellationToken = default)
    {
        changed.Writer.TryWrite(referralId);
        return Task.CompletedTask;
    }

    /// <summary>Wakes the clock (the courier calls it after applying a schedule change).</summary>
    public void WakeClock()
    {
        lock (gate)
        {
            clockWake.TrySetResult();
            clockWake = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes at the next <see cref="WakeClock"/>.</summary>
    public Task ClockWoken
    {
        get
        {
            lock (gate) return clockWake.Task;
        }
    }
}
