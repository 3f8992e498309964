using Referrals.Domain.Common;
using Referrals.Domain.Referrals;

namespace Referrals.Functions.Commands;

/// <summary>Runs one command on one referral: one point read, Decide/Evolve/Schedule/Notify, and one
/// Table transaction (events + snapshot with If-Match + idempotency row + outbox rows).</summary>
internal interface IReferralCommands
{
    /// <param name="expectedVersion">From If-Match: when set and not the current version, Conflict
    /// with <see cref="CommandResult.Conflict.PreconditionFailed"/> = true (HTTP 412).</param>
    /// <param name="idempotencyKey">The same key again returns the first result and writes nothing.</param>
    /// <param name="fingerprint">What the key is bound to (<see cref="Edge.IdempotencyKeys.Fingerprint"/>: caller,
    /// route, body): the key again with another fingerprint is <see cref="CommandResult.KeyReused"/>, with no data.</param>
    Task<CommandResult> ExecuteAsync(
        string referralId, ReferralCommand command, string? idempotencyKey, int? expectedVersion,
        CancellationToken cancellationToken = default, string? fingerprint = null);

    /// <summary>The same, with the command built from the state the command path has just read: the edge
    /// checks the caller's unit against the referral and names the unit it acts for without a read of its
    /// own, so a command stays one point read and one transaction. <paramref name="commandFor"/> returns
    /// null when the caller may not act on this referral: NotFound, nothing written, existence not revealed.</summary>
    Task<CommandResult> ExecuteAsync(
        string referralId, Func<ReferralState, ReferralCommand?> commandFor, string? idempotencyKey, int? expectedVersion,
        CancellationToken cancellationToken = default, string? fingerprint = null);
}

internal abstract record CommandResult
{
    private CommandResult() { }

    /// <param name="Replayed">True when an earlier request with the same idempotency key is answered.</param>
    public sealed record Accepted(ReferralState State, IReadOnlyList<ReferralEvent> Events, bool Replayed) : CommandResult;

    /// <summary>The process said no (HTTP 409 for a state conflict, 422 otherwise).</summary>
    public sealed record Rejected(Rejection Rejection) : CommandResult;

    /// <summary>Another writer won (HTTP 409), or If-Match named an old version (HTTP 412).</summary>
    public sealed record Conflict(int CurrentVersion, bool PreconditionFailed) : CommandResult;

    /// <summary>The idempotency key was first used by another caller, on another route or with another body
    /// (HTTP 422, <c>idempotency-key-reused</c>): nothing is written and nothing of the first answer returned.</summary>
    public sealed record KeyReused : CommandResult;

    /// <summary>Nothing exists for a command that needs an existing referral (HTTP 404).</summary>
    public sealed record NotFound : CommandResult;
}
