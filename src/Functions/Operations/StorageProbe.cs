using Azure.Data.Tables;

namespace Referrals.Functions.Operations;

/// <summary>Storage answers a table listing (one page of at most one table).</summary>
internal sealed class StorageProbe(TableServiceClient tables) : IReachabilityProbe
{
    public string Name => "storage";

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            break;
        return true;
    }
}
