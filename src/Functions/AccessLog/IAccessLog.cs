namespace Referrals.Functions.AccessLog;

/// <summary>Act 703/2023: every read of client data is logged (who, when, which referral, which route).</summary>
public interface IAccessLog
{
    Task RecordAsync(AccessRecord record, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AccessRecord>> ForReferralAsync(string referralId, CancellationToken cancellationToken = default);
}

public sealed record AccessRecord(string ReferralId, string UserId, string Role, string Unit, string Route, DateTimeOffset At);
