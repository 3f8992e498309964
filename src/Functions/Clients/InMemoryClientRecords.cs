using System.Collections.Concurrent;
using Referrals.Domain.Clients;

namespace Referrals.Functions.Clients;

/// <summary>Interim store until the encrypted table store lands: keeps records in memory.</summary>
public sealed class InMemoryClientRecords : IClientRecords
{
    private readonly ConcurrentDictionary<string, ClientRecord> records = new(StringComparer.Ordinal);

    public Task<ClientRecord?> GetAsync(string clientId, CancellationToken cancellationToken = default) =>
        Task.FromResult(records.TryGetValue(clientId, out var r) ? r : null);

    public Task PutAsync(ClientRecord record, CancellationToken cancellationToken = default)
    {
        records[record.ClientId] = record;
        return Task.CompletedTask;
    }
}
