using Azure;
using Azure.Data.Tables;
using Referrals.Domain.Referrals;
using Referrals.Functions.ReadModels;

namespace Referrals.Functions.Clock;

/// <summary><see cref="IOpenReferrals"/> over the listing read model (table <c>ReferralIndex</c>, layout in
/// <see cref="IndexRows"/>): every referral has exactly one row in its unit's partition (<c>unit|{unit}</c>)
/// carrying its status; the status and queue partitions hold copies and are outside the range. One range
/// query over the unit partitions, filtered on the status server-side, returning the ids only. An ended
/// referral whose decision still runs its course (a refusal to be notified, its review period, a request for
/// review; an ending decision's review period after the service closed) is open too: its row says so
/// (<c>OpenAfterEnd</c>, written since it was kept; an older ended row gets it with the referral's next event).</summary>
internal sealed class IndexOpenReferrals(TableClient index) : IOpenReferrals
{
    /// <summary>The unit partitions, [<see cref="IndexRows.UnitPrefix"/>, <see cref="IndexRows.UnitPrefixEnd"/>).</summary>
    public static readonly string Filter = BuildFilter();

    public async IAsyncEnumerable<OpenReferral> ListOpenReferralsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await using var rows = index.QueryAsync<TableEntity>(Filter, select: ["ReferralId"], cancellationToken: cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (await NextAsync(rows))
        {
            if (rows.Current.GetString("ReferralId") is { Length: > 0 } id && seen.Add(id))
                yield return new OpenReferral(id);
        }
    }

    /// <summary>Before the first command the table does not exist yet: then there is nothing open.</summary>
    private static async Task<bool> NextAsync(IAsyncEnumerator<TableEntity> rows)
    {
        try
        {
            return await rows.MoveNextAsync();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static string BuildFilter()
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {IndexRows.UnitPrefix} and PartitionKey lt {IndexRows.UnitPrefixEnd}");
        var notEnded = string.Join(" and ", Enum.GetValues<ReferralStatus>().Where(s => new ReferralState { Status = s }.HasEnded)
            .Select(status => TableClient.CreateQueryFilter($"Status ne {status.ToString()}")));
        return filter + " and ((" + notEnded + ") or " + TableClient.CreateQueryFilter($"OpenAfterEnd eq {true}") + ")";
    }
}
