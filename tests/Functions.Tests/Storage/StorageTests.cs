using System.Collections.Immutable;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Referrals.Domain.Referrals;
using Referrals.Functions.Hosting;
using Referrals.Functions.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Storage;

[Collection(DevServicesCollection.Name)]
public sealed class StorageTests(DevServices services)
{
    [Fact]
    public async Task Texts_longer_than_a_table_property_are_split_and_read_back_whole()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var id = DevServices.NewReferralId();
        // Quotes and backslashes double in JSON: the state and the event outgrow one 32K property.
        var summary = "Äiti ja isä: " + new string('"', 9_970) + " \\ €";
        var goals = Enumerable.Range(0, 10).Select(i => $"Tavoite {i}: " + new string('"', 480)).ToImmutableList();
        var submit = Scenario.Submit() with { AssessmentSummary = summary, Goals = goals };

        var result = await runtime.Commands.ExecuteAsync(id, submit, null, null);
        Assert.True(result is CommandResult.Accepted, result.ToString());

        var snapshot = (await runtime.Storage.Referrals.GetEntityAsync<TableEntity>(id, "state-" + id)).Value;
        Assert.True(snapshot.GetInt32("StateParts") > 1, "the state should need more than one property");
        Assert.All(snapshot.Select(p => p.Value).OfType<string>(), s => Assert.True(s.Length <= 32 * 1024));
        var state = (await runtime.Reader.GetAsync(id))!;
        Assert.Equal(summary, state.AssessmentSummary);
        Assert.Equal(goals, state.Goals);
        var submitted = Assert.IsType<ReferralSubmitted>(Assert.Single(await runtime.Reader.TimelineAsync(id)).Event);
        Assert.Equal(summary, submitted.AssessmentSummary);
    }

    [Fact]
    public async Task Options_are_validated_at_start_with_a_clear_message()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "",
            ["Mail:From"] = "not an address",
            ["Mail:Recipients:Signer:Any"] = "also not",
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddReferralsApplication(configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        var messages = failure is AggregateException all
            ? string.Join("\n", all.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures))
            : string.Join("\n", ((OptionsValidationException)failure).Failures);
        Assert.Contains("Storage:ConnectionString is empty", messages);
        Assert.Contains("Mail:From 'not an address' is not an e-mail address", messages);
        Assert.Contains("Mail:Recipients:Signer:Any 'also not' is not an e-mail address", messages);
    }

    [Fact]
    public void The_defaults_point_at_Azurite()
    {
        var provider = new ServiceCollection().AddReferralsApplication(new ConfigurationBuilder().Build()).BuildServiceProvider();
        Assert.Equal("UseDevelopmentStorage=true", provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString);
        Assert.NotNull(provider.GetRequiredService<TableServiceClient>());
    }

    [Fact]
    public void Production_uses_the_account_URIs_with_a_token_credential()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:TableServiceUri"] = "https://referrals.table.core.windows.net",
            ["Storage:BlobServiceUri"] = "https://referrals.blob.core.windows.net",
        }).Build();
        var provider = new ServiceCollection().AddReferralsApplication(configuration).BuildServiceProvider();

        var tables = provider.GetRequiredService<TableServiceClient>();
        var blobs = provider.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>();
        Assert.Equal("referrals.table.core.windows.net", tables.Uri.Host);
        Assert.Equal("referrals.blob.core.windows.net", blobs.Uri.Host);
        Assert.False(blobs.CanGenerateAccountSasUri); // no key: a token credential (DefaultAzureCredential)
    }
}
