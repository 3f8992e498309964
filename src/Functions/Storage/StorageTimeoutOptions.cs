using System.ComponentModel.DataAnnotations;

namespace Referrals.Functions.Storage;

/// <summary>How long the application's storage clients wait and retry, in two profiles kept apart:
/// <b>Request</b> for the clients a request uses (it must fail fast: a storage outage answers 503 with
/// Retry-After within a few seconds, never 500 after minutes), and <b>Background</b> for the clients of
/// the durable clock's activities and sweeps (the outbox courier, the read-model projector, the timers),
/// which may wait longer since nobody waits on them. The Durable Task engine's own clients keep the
/// SDK's defaults. Section <c>StorageTimeouts</c>, e.g. <c>StorageTimeouts__RequestNetworkTimeout</c>.</summary>
internal sealed class StorageTimeoutOptions : IValidatableObject
{
    public const string Section = "StorageTimeouts";

    /// <summary>The most a request may spend on one storage call, every try included.</summary>
    public static readonly TimeSpan MaxRequestBudget = TimeSpan.FromSeconds(10);

    /// <summary>One try of a request-path storage call (the SDK's NetworkTimeout).</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:00:10", ErrorMessage = "StorageTimeouts:RequestNetworkTimeout must be between 0.2 and 10 seconds.")]
    public TimeSpan RequestNetworkTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Retries after the first try on the request path.</summary>
    [Range(0, 3, ErrorMessage = "StorageTimeouts:RequestMaxRetries must be 0–3.")]
    public int RequestMaxRetries { get; set; } = 1;

    /// <summary>The pause before a request-path retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:02", ErrorMessage = "StorageTimeouts:RequestRetryDelay must be between 0 and 2 seconds.")]
    public TimeSpan RequestRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>One try of a background storage call.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "StorageTimeouts:BackgroundNetworkTimeout must be between 1 second and 5 minutes.")]
    public TimeSpan BackgroundNetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first try in the background (the orchestration retries the whole activity besides).</summary>
    [Range(0, 10, ErrorMessage = "StorageTimeouts:BackgroundMaxRetries must be 0–10.")]
    public int BackgroundMaxRetries { get; set; } = 3;

    /// <summary>The pause before a background retry (exponential from here).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "StorageTimeouts:BackgroundRetryDelay must be between 0 and 1 minute.")]
    public TimeSpan BackgroundRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>What a 503 answered for a storage failure tells the caller in Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "StorageTimeouts:RetryAfter must be between 1 second and 10 minutes.")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The worst a request-path call can take: every try timing out, with the pauses between.</summary>
    public TimeSpan RequestBudget => RequestNetworkTimeout * (RequestMaxRetries + 1) + RequestRetryDelay * RequestMaxRetries;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RequestBudget > MaxRequestBudget)
        {
            yield return new ValidationResult(
                $"StorageTimeouts: a request-path storage call may take {RequestBudget.TotalSeconds:0.#} s (RequestNetworkTimeout × (RequestMaxRetries + 1) + pauses); at most {MaxRequestBudget.TotalSeconds:0} s.",
                [nameof(RequestNetworkTimeout), nameof(RequestMaxRetries), nameof(RequestRetryDelay)]);
        }
    }
}
