using Referrals.Domain.Common;
using Referrals.Domain.Referrals;

namespace Referrals.Functions.Commands;

/// <summary>Reads for the API. Every read of client data is access-logged by the caller
/// (<see cref="AccessLog.IAccessLog"/>).</summary>
internal interface IReferralReader
{
    /// <summary>One point read of the snapshot; null if there is no such referral.</summary>
    Task<ReferralState?> GetAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>The event history, oldest first.</summary>
    Task<IReadOnlyList<RecordedEvent>> TimelineAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>A page of one unit's referrals (from the read model), newest first, optionally only those
    /// in one status; null when <paramref name="continuation"/> is not a continuation of this listing.</summary>
    Task<Page<ReferralSummary>?> ListAsync(
        string unit, ReferralStatus? status, string? continuation, int limit,
        CancellationToken cancellationToken = default);

    /// <summary>A page of the referrals waiting for a review body now, oldest first; null when
    /// <paramref name="continuation"/> is not a continuation of this queue.</summary>
    Task<Page<ReferralSummary>?> ReviewQueueAsync(
        string reviewBodyId, string? continuation, int limit, CancellationToken cancellationToken = default);
}

/// <summary>An event as stored: its position in the stream and the event (which carries who and when).</summary>
internal sealed record RecordedEvent(int Version, ReferralEvent Event);

/// <summary>A row of the listing read model: no client data beyond the opaque client id.</summary>
internal sealed record ReferralSummary(
    string ReferralId, string Unit, string ProfileId, string ReviewBodyId, ReferralStatus Status,
    string ServiceTypeCode, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, int Version)
{
    /// <summary>Ended (refused, closed), but a decision's course still runs (its notification, review period,
    /// a request for review, a changed version): the clock is still needed. False in items from before it was kept.</summary>
    public bool OpenAfterEnd { get; init; }
}

/// <summary>A page of a listing and the opaque continuation of the next one (null on the last page).</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? Continuation);
