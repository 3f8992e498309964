using Azure.Data.Tables;

namespace Referrals.Functions.Tests.Infrastructure;

[Collection(DevServicesCollection.Name)]
public sealed class DevServicesTests(DevServices services)
{
    [Fact]
    public async Task Storage_and_maildev_answer()
    {
        var table = new TableServiceClient(services.StorageConnectionString).GetTableClient(DevServices.NewPrefix() + "Probe");
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));
        Assert.NotNull((await table.GetEntityAsync<TableEntity>("p", "r")).Value);
        await table.DeleteAsync();

        var inbox = await services.Maildev.AllAsync();
        Assert.NotNull(inbox);
    }
}
