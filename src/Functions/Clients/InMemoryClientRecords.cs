using System.Collections.Concurrent;
using Referrals.Domain.Clients;

namespace Referrals.Functions.Clients;

/// <summary>Records in memory, for tests that run without storage (the hosts register
/// <see cref="TableClientRecords"/>, encrypted in table storage).</summary>
internal sealed class InMemoryClientRecords : IClientRecords
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
