using Referrals.Domain.Clients;

namespace Referrals.Functions.Clients;

/// <summary>The protected client records. A handler that shows a record's contents has already passed
/// <see cref="AccessLog.ClientDataReads"/> (which writes the access-log row); this port only stores and
/// reads, never logs personal data.</summary>
internal interface IClientRecords
{
    /// <summary>The record for an opaque client id, or null when none was stored.</summary>
    Task<ClientRecord?> GetAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Stores (creates or replaces) the record under its client id.</summary>
    Task PutAsync(ClientRecord record, CancellationToken cancellationToken = default);
}
