using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Tests.Api;

/// <summary>The real command path with one answer forced: the real one reads the referral and runs the edge's
/// access check; where <paramref name="answer"/> gives a result for the command (and the state read), that is
/// the answer and nothing is written. For what the real path cannot easily be made to do on cue (a lost race,
/// a failure inside), in the test that needs it.</summary>
internal sealed class ForcedCommands(IReferralCommands real, Func<ReferralState, ReferralCommand, CommandResult?> answer) : IReferralCommands
{
    public Task<CommandResult> ExecuteAsync(string referralId, ReferralCommand command, string? idempotencyKey, int? expectedVersion,
        CancellationToken cancellationToken = default, string? fingerprint = null) =>
        ExecuteAsync(referralId, _ => command, idempotencyKey, expectedVersion, cancellationToken, fingerprint);

    public async Task<CommandResult> ExecuteAsync(string referralId, Func<ReferralState, ReferralCommand?> commandFor, string? idempotencyKey,
        int? expectedVersion, CancellationToken cancellationToken = default, string? fingerprint = null)
    {
        CommandResult? forced = null;
        var result = await real.ExecuteAsync(referralId, state =>
        {
            var command = commandFor(state);
            if (command is not null && answer(state, command) is { } given)
            {
                forced = given;
                return null;
            }
            return command;
        }, idempotencyKey, expectedVersion, cancellationToken, fingerprint);
        return forced ?? result;
    }
}
