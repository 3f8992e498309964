using Microsoft.DurableTask.Client;

namespace Referrals.Functions.Clock;

/// <summary>The durable client of the current function invocation. The isolated worker hands the client
/// to a function as a [DurableClient] binding, not through dependency injection, while the notifier runs
/// deep in the command path; each function that may run a command puts its client here for the duration
/// of the call (it flows with the async call, not across invocations).</summary>
internal static class DurableClientScope
{
    private static readonly AsyncLocal<DurableTaskClient?> CurrentClient = new();

    public static DurableTaskClient? Current => CurrentClient.Value;

    public static IDisposable Use(DurableTaskClient client)
    {
        var previous = CurrentClient.Value;
        CurrentClient.Value = client;
        return new Restore(previous);
    }

    private sealed class Restore(DurableTaskClient? previous) : IDisposable
    {
        public void Dispose() => CurrentClient.Value = previous;
    }
}
