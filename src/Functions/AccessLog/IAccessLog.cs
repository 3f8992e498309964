using Referrals.Functions.Commands;

namespace Referrals.Functions.AccessLog;

/// <summary>Act 703/2023: every read of client data is logged (who, when, which referral, which route).</summary>
internal interface IAccessLog
{
    Task RecordAsync(AccessRecord record, CancellationToken cancellationToken = default);

    /// <summary>A page of the referral's log, oldest first; null when <paramref name="continuation"/> is not
    /// a continuation of this referral's log.</summary>
    Task<Page<AccessRecord>?> ForReferralAsync(string referralId, string? continuation, int limit, CancellationToken cancellationToken = default);
}

internal sealed record AccessRecord(string ReferralId, string UserId, string Role, string Unit, string Route, DateTimeOffset At);
