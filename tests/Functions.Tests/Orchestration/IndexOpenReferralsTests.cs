using Azure;
using Azure.Data.Tables;
using Moq;
using Referrals.Functions.Clock;

namespace Referrals.Functions.Tests.Orchestration;

public class IndexOpenReferralsTests
{
    [Fact]
    public void The_query_reads_only_unit_partitions_and_leaves_out_every_ended_status()
    {
        Assert.StartsWith("PartitionKey ge 'unit|' and PartitionKey lt 'unit}'", IndexOpenReferrals.Filter);
        foreach (var ended in new[] { "Closed", "Withdrawn", "Redirected", "Refused" })
            Assert.Contains($"Status ne '{ended}'", IndexOpenReferrals.Filter);
        // …unless a decision still runs its course after the end (a refusal to be notified, its review period).
        Assert.EndsWith(" or OpenAfterEnd eq true)", IndexOpenReferrals.Filter);
        Assert.DoesNotContain("ServiceActive", IndexOpenReferrals.Filter);
        Assert.DoesNotContain("queue|", IndexOpenReferrals.Filter);
    }

    [Fact]
    public async Task Lists_each_referral_id_once_across_pages()
    {
        var index = new Mock<TableClient>(MockBehavior.Strict);
        index.Setup(t => t.QueryAsync<TableEntity>(IndexOpenReferrals.Filter, null, It.Is<IEnumerable<string>>(s => s.SequenceEqual(new[] { "ReferralId" })), It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<TableEntity>.FromPages(
            [
                Page(Row("ref-1"), Row("ref-2")),
                Page(Row("ref-2"), Row(""), Row("ref-3")),
            ]));

        var ids = await Ids(new IndexOpenReferrals(index.Object));

        Assert.Equal(["ref-1", "ref-2", "ref-3"], ids);
    }

    private static TableEntity Row(string referralId) => new("unit|u1", Guid.NewGuid().ToString()) { ["ReferralId"] = referralId };

    private static Page<TableEntity> Page(params TableEntity[] rows) => Page<TableEntity>.FromValues(rows, null, Mock.Of<Response>());

    [Fact]
    public async Task Before_the_index_table_exists_nothing_is_open()
    {
        var index = new Mock<TableClient>(MockBehavior.Strict);
        index.Setup(t => t.QueryAsync<TableEntity>(IndexOpenReferrals.Filter, null, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .Returns(new Missing());

        Assert.Empty(await Ids(new IndexOpenReferrals(index.Object)));
    }

    private sealed class Missing : AsyncPageable<TableEntity>
    {
        public override async IAsyncEnumerable<Page<TableEntity>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            await Task.Yield();
            throw new RequestFailedException(404, "TableNotFound");
#pragma warning disable CS0162 // an async iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }
    }

    private static async Task<List<string>> Ids(IndexOpenReferrals source)
    {
        var ids = new List<string>();
        await foreach (var open in source.ListOpenReferralsAsync()) ids.Add(open.ReferralId);
        return ids;
    }
}
