using Referrals.Functions.Outbox;

namespace Referrals.Functions.Operations;

/// <summary>What operators see of mail that could not be delivered: referral id, outbox row, kind,
/// attempts and the last error. No client data, no addresses, no content.</summary>
public interface IParkedMail
{
    Task<IReadOnlyList<ParkedMessage>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>The parked rows of the outbox courier (table <c>ParkedMessages</c>).</summary>
public sealed class OutboxParkedMail(ParkedMessages parked) : IParkedMail
{
    public Task<IReadOnlyList<ParkedMessage>> ListAsync(CancellationToken cancellationToken = default) => parked.ListAsync(cancellationToken);
}
