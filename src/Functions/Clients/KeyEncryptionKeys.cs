using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace Referrals.Functions.Clients;

/// <summary>One key-encryption key: 32 bytes and the version id that a wrapped data key records.</summary>
internal sealed record KeyEncryptionKey(string Version, byte[] Key)
{
    public override string ToString() => $"KeyEncryptionKey {{ Version = {Version} }}";
}

/// <summary>The key-encryption keys of the client records: the current one wraps new data keys; any
/// version still enabled unwraps, so a rotation keeps older records readable.</summary>
internal interface IKeyEncryptionKeys
{
    Task<KeyEncryptionKey> CurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>The key of that version, or null when it is unknown or disabled.</summary>
    Task<KeyEncryptionKey?> FindAsync(string version, CancellationToken cancellationToken = default);
}

/// <summary>Development: one key from configuration (<c>ClientRecords:DevelopmentKey</c>), version
/// <c>development</c>. Outside Development the committed value makes the host refuse to start.</summary>
internal sealed class DevelopmentKeyEncryptionKeys(string base64Key) : IKeyEncryptionKeys
{
    public const string Version = "development";
    private readonly KeyEncryptionKey key = new(Version, Decode(base64Key) ?? throw new InvalidOperationException("ClientRecords:DevelopmentKey must be base64 of exactly 32 bytes."));

    public Task<KeyEncryptionKey> CurrentAsync(CancellationToken cancellationToken = default) => Task.FromResult(key);

    public Task<KeyEncryptionKey?> FindAsync(string version, CancellationToken cancellationToken = default) =>
        Task.FromResult(version == Version ? key : null);

    public static byte[]? Decode(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64)) return null;
        var bytes = new byte[48];
        return Convert.TryFromBase64String(base64.Trim(), bytes, out var written) && written == 32 ? bytes[..32] : null;
    }
}

/// <summary>Production: the versions of one Key Vault secret (<c>ClientRecords:KeyVaultUri</c>,
/// <c>ClientRecords:KeyName</c>), read by the app's identity (Key Vault Secrets User). Each version is
/// a 256-bit key in base64; the newest enabled version wraps, every enabled version unwraps. Read on
/// first use (not at start, so a host starts while the vault is briefly away) and read again when a
/// record names a version this instance has not seen (another instance may have started after a rotation).
/// Rotate with <c>az keyvault secret set --vault-name … -n client-records-kek --value "$(openssl rand -base64 32)"</c>;
/// disable a version only after every record was rewritten under a newer one.</summary>
internal sealed class KeyVaultKeyEncryptionKeys(SecretClient secrets, string secretName, TimeProvider time) : IKeyEncryptionKeys
{
    private static readonly TimeSpan RereadAfter = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim gate = new(1, 1);
    private IReadOnlyList<KeyEncryptionKey>? keys;
    private DateTimeOffset readAt;

    public static KeyVaultKeyEncryptionKeys Connect(Uri vaultUri, string secretName, TimeProvider time) =>
        new(new SecretClient(vaultUri, new DefaultAzureCredential()), secretName, time);

    public async Task<KeyEncryptionKey> CurrentAsync(CancellationToken cancellationToken = default) =>
        (await KeysAsync(reread: false, cancellationToken))[0];

    public async Task<KeyEncryptionKey?> FindAsync(string version, CancellationToken cancellationToken = default)
    {
        var found = (await KeysAsync(reread: false, cancellationToken)).FirstOrDefault(k => k.Version == version);
        if (found is not null || time.GetUtcNow() - readAt < RereadAfter) return found;
        return (await KeysAsync(reread: true, cancellationToken)).FirstOrDefault(k => k.Version == version);
    }

    private async Task<IReadOnlyList<KeyEncryptionKey>> KeysAsync(bool reread, CancellationToken cancellationToken)
    {
        if (keys is { } known && !reread) return known;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (keys is { } again && !reread) return again;
            var versions = new List<(DateTimeOffset Created, KeyEncryptionKey Key)>();
            await foreach (var properties in secrets.GetPropertiesOfSecretVersionsAsync(secretName, cancellationToken))
            {
                if (properties.Enabled != true) continue;
                var secret = (await secrets.GetSecretAsync(secretName, properties.Version, cancellationToken)).Value;
                var key = DevelopmentKeyEncryptionKeys.Decode(secret.Value)
                    ?? throw new InvalidOperationException($"Version {properties.Version} of the Key Vault secret '{secretName}' (ClientRecords:KeyName) is not base64 of 32 bytes.");
                versions.Add((properties.CreatedOn ?? DateTimeOffset.MinValue, new KeyEncryptionKey(properties.Version, key)));
            }
            if (versions.Count == 0)
                throw new InvalidOperationException($"Key Vault has no enabled version of the secret '{secretName}' (ClientRecords:KeyName): the client records cannot be encrypted.");
            keys = versions.OrderByDescending(v => v.Created).Select(v => v.Key).ToList();
            readAt = time.GetUtcNow();
            return keys;
        }
        finally
        {
            gate.Release();
        }
    }
}
