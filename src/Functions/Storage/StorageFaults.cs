using Azure;

namespace Referrals.Functions.Storage;

/// <summary>Tells a storage outage (no answer in time, no connection, a 5xx from the service) from
/// everything else, so that a request it hits answers 503 with Retry-After instead of 500. The Azure
/// SDK throws a <see cref="TaskCanceledException"/> for a try that ran out of its network timeout, a
/// <see cref="RequestFailedException"/> with status 0 for a refused or broken connection, and an
/// <see cref="AggregateException"/> of those when every retry failed.</summary>
internal static class StorageFaults
{
    /// <summary>Whether <paramref name="error"/> means storage did not answer. An <see cref="OperationCanceledException"/>
    /// counts only when the caller did not cancel (<paramref name="callerCancelled"/>).</summary>
    public static bool IsUnavailable(Exception? error, bool callerCancelled = false) => error switch
    {
        null => false,
        RequestFailedException { Status: 0 or 408 or >= 500 } => true,
        RequestFailedException => false,
        OperationCanceledException => !callerCancelled,
        TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0
            && aggregate.InnerExceptions.All(inner => IsUnavailable(inner, callerCancelled)),
        System.Net.Http.HttpRequestException or System.Net.Sockets.SocketException or IOException => true,
        _ => false,
    };
}
