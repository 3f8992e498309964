using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Referrals.Domain.Clients;
using Referrals.Functions.Clients;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Clients;

/// <summary>The protected client records on Azurite: the row holds no plain text, a Key Vault rotation
/// keeps old records readable and a write re-wraps under the newest key, and a tampered or moved record
/// is refused with <see cref="ClientRecordUnreadableException"/>.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ClientRecordStoreTests(DevServices devServices)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static ClientRecord Sample(string clientId) => new(
        clientId, "Sanna Salainen", PersonalIdentityCode.TryParse("010594Y9021", allowTemporaryNumbers: true, out var code, out _) ? code : throw new InvalidOperationException(),
        ClientLanguage.Sv, new PostalAddress("Hemligvägen 7 B 12", "02100", "Esbo"), "sanna.salainen@example.invalid", true, "arabia");

    private (TableClientRecords Store, TableClient Raw) Store(IKeyEncryptionKeys keys, string? prefix = null)
    {
        prefix ??= DevServices.NewPrefix();
        var service = new TableServiceClient(devServices.StorageConnectionString);
        var options = Options.Create(new StorageOptions { ConnectionString = devServices.StorageConnectionString, NamePrefix = prefix });
        return (new TableClientRecords(service, options, keys), service.GetTableClient(prefix + TableClientRecords.TableName));
    }

    private static DevelopmentKeyEncryptionKeys DevelopmentKey() => new(Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 1)).ToArray()));

    [Fact]
    public async Task A_stored_record_reads_back_and_its_row_holds_no_name_identity_code_address_or_email_in_plain_text()
    {
        var (store, raw) = Store(DevelopmentKey());
        var record = Sample("c-store-plain");
        await store.PutAsync(record);

        Assert.Equal(record, await store.GetAsync("c-store-plain"));
        Assert.Null(await store.GetAsync("c-nobody"));

        var entity = (await raw.GetEntityAsync<TableEntity>("c-store-plain", TableClientRecords.Row)).Value;
        // Every value of the row, as stored: strings as they are, bytes as text (UTF-8 and Latin-1) and base64.
        var everything = new StringBuilder(entity.PartitionKey).Append(entity.RowKey);
        foreach (var (key, value) in entity)
        {
            everything.Append(key).Append('=');
            if (value is byte[] bytes)
                everything.Append(Encoding.UTF8.GetString(bytes)).Append(Encoding.Latin1.GetString(bytes)).Append(Convert.ToBase64String(bytes));
            else everything.Append(value);
        }
        var text = everything.ToString();
        foreach (var secret in new[] { "Sanna", "Salainen", "010594", "9021", "Hemligvägen", "Esbo", "02100", "sanna.salainen", "arabia" })
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DevelopmentKeyEncryptionKeys.Version, entity.GetString("KekVersion"));
    }

    [Fact]
    public async Task After_a_key_vault_rotation_old_records_stay_readable_and_a_write_re_wraps_them_under_the_newest_version()
    {
        var vault = new FakeSecretClient();
        vault.Add("v1", Start);
        var time = new FakeTimeProvider(Start);
        var (store, raw) = Store(new KeyVaultKeyEncryptionKeys(vault, FakeSecretClient.Name, time));
        await store.PutAsync(Sample("c-rotated"));
        await store.PutAsync(Sample("c-untouched"));
        Assert.Equal("v1", (await raw.GetEntityAsync<TableEntity>("c-rotated", TableClientRecords.Row)).Value.GetString("KekVersion"));

        // The rotation: a new version of the secret; a host started after it wraps with v2.
        vault.Add("v2", Start.AddDays(1));
        var prefix = raw.Name[..^TableClientRecords.TableName.Length];
        var (restarted, _) = Store(new KeyVaultKeyEncryptionKeys(vault, FakeSecretClient.Name, time), prefix);
        Assert.Equal(Sample("c-rotated"), await restarted.GetAsync("c-rotated"));

        var corrected = Sample("c-rotated") with { FullName = "Sanna Korjattu" };
        await restarted.PutAsync(corrected);
        Assert.Equal("v2", (await raw.GetEntityAsync<TableEntity>("c-rotated", TableClientRecords.Row)).Value.GetString("KekVersion"));
        Assert.Equal(corrected, await restarted.GetAsync("c-rotated"));
        Assert.Equal("v1", (await raw.GetEntityAsync<TableEntity>("c-untouched", TableClientRecords.Row)).Value.GetString("KekVersion"));
        Assert.Equal(Sample("c-untouched"), await restarted.GetAsync("c-untouched"));

        // The host that started before the rotation reads what the new one wrote (it reads the vault again).
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(corrected, await store.GetAsync("c-rotated"));

        // Once v1 is disabled, a record still under it is refused with a reason, not shown.
        vault.Disable("v1");
        var (later, _) = Store(new KeyVaultKeyEncryptionKeys(vault, FakeSecretClient.Name, time), prefix);
        Assert.Equal(corrected, await later.GetAsync("c-rotated"));
        var refused = await Assert.ThrowsAsync<ClientRecordUnreadableException>(() => later.GetAsync("c-untouched"));
        Assert.Contains("v1", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Payload")]
    [InlineData("WrappedKey")]
    public async Task A_tampered_record_is_refused_not_shown(string column)
    {
        var (store, raw) = Store(DevelopmentKey());
        await store.PutAsync(Sample("c-tampered"));
        var entity = (await raw.GetEntityAsync<TableEntity>("c-tampered", TableClientRecords.Row)).Value;
        var bytes = entity.GetBinary(column)!;
        bytes[^1] ^= 0x01;
        entity[column] = bytes;
        await raw.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Replace);

        var refused = await Assert.ThrowsAsync<ClientRecordUnreadableException>(() => store.GetAsync("c-tampered"));
        Assert.Equal("c-tampered", refused.ClientId);
        Assert.DoesNotContain("Sanna", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_copied_under_another_client_id_is_refused()
    {
        var (store, raw) = Store(DevelopmentKey());
        await store.PutAsync(Sample("c-original"));
        var entity = (await raw.GetEntityAsync<TableEntity>("c-original", TableClientRecords.Row)).Value;
        var copy = new TableEntity("c-impostor", TableClientRecords.Row);
        foreach (var (key, value) in entity)
            if (key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) copy[key] = value;
        await raw.AddEntityAsync(copy);

        await Assert.ThrowsAsync<ClientRecordUnreadableException>(() => store.GetAsync("c-impostor"));
    }

    [Fact]
    public void Two_writes_of_the_same_record_give_different_ciphertexts_and_data_keys()
    {
        var kek = new KeyEncryptionKey("k", new byte[32]);
        var a = ClientRecordCipher.Seal(Sample("c-same"), kek);
        var b = ClientRecordCipher.Seal(Sample("c-same"), kek);
        Assert.NotEqual(a.Payload, b.Payload);
        Assert.NotEqual(a.WrappedKey, b.WrappedKey);
        Assert.Equal(Sample("c-same"), ClientRecordCipher.Open("c-same", a, kek));
    }

    /// <summary>A Key Vault with one secret whose versions are 256-bit keys, behind the real SecretClient surface.</summary>
    private sealed class FakeSecretClient : SecretClient
    {
        public const string Name = "client-records-kek";
        private readonly List<(SecretProperties Properties, string Value)> versions = [];

        public void Add(string version, DateTimeOffset created)
        {
            var properties = SecretModelFactory.SecretProperties(name: Name, version: version, createdOn: created);
            properties.Enabled = true;
            versions.Add((properties, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));
        }

        public void Disable(string version) => versions.Single(v => v.Properties.Version == version).Properties.Enabled = false;

        public override AsyncPageable<SecretProperties> GetPropertiesOfSecretVersionsAsync(string name, CancellationToken cancellationToken = default) =>
            AsyncPageable<SecretProperties>.FromPages([Page<SecretProperties>.FromValues(versions.Where(v => v.Properties.Name == name).Select(v => v.Properties).ToList(), null, new FakeResponse())]);

        public override Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version = null, CancellationToken cancellationToken = default)
        {
            var found = versions.Single(v => v.Properties.Name == name && v.Properties.Version == version);
            return Task.FromResult(Response.FromValue(SecretModelFactory.KeyVaultSecret(found.Properties, found.Value), new FakeResponse()));
        }
    }

    private sealed class FakeResponse : Response
    {
        public override int Status => 200;
        public override string ReasonPhrase => "OK";
        public override Stream? ContentStream { get; set; }
        public override string ClientRequestId { get; set; } = "";
        public override void Dispose() { }
        protected override bool ContainsHeader(string name) => false;
        protected override IEnumerable<Azure.Core.HttpHeader> EnumerateHeaders() => [];
        protected override bool TryGetHeader(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) { value = null; return false; }
        protected override bool TryGetHeaderValues(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEnumerable<string>? values) { values = null; return false; }
    }
}
