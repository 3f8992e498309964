using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace Referrals.Functions.Signing;

/// <summary>The certificates that protect the data-protection key ring at rest: the current one encrypts
/// new keys, and every one (older versions included) may decrypt, so a rotation keeps existing keys readable.</summary>
internal interface IKeyRingCertificates
{
    X509Certificate2 Current { get; }

    IReadOnlyList<X509Certificate2> All { get; }
}

/// <summary>A Key Vault certificate (<c>DataProtection:KeyVaultUri</c>, <c>DataProtection:CertificateName</c>),
/// read as the secret Key Vault keeps with it (the PFX with its private key) by the app's identity (Key
/// Vault Secrets User). Every enabled version is loaded once, at start: the newest protects, all unprotect.</summary>
internal sealed class KeyVaultKeyRingCertificates : IKeyRingCertificates
{
    public KeyVaultKeyRingCertificates(SecretClient secrets, string certificateName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateName);
        var versions = secrets.GetPropertiesOfSecretVersions(certificateName)
            .Where(v => v.Enabled == true)
            .OrderByDescending(v => v.CreatedOn)
            .Select(v => Load(secrets.GetSecret(certificateName, v.Version).Value))
            .ToList();
        if (versions.Count == 0)
            throw new InvalidOperationException($"Key Vault has no enabled version of the certificate '{certificateName}' (DataProtection:CertificateName).");
        Current = versions[0];
        All = versions;
    }

    public X509Certificate2 Current { get; }

    public IReadOnlyList<X509Certificate2> All { get; }

    public static KeyVaultKeyRingCertificates Connect(Uri vaultUri, string certificateName) =>
        new(new SecretClient(vaultUri, new DefaultAzureCredential()), certificateName);

    private static X509Certificate2 Load(KeyVaultSecret secret)
    {
        if (secret.Properties.ContentType is not ("application/x-pkcs12" or null))
            throw new InvalidOperationException($"The Key Vault secret of '{secret.Name}' is not a PKCS #12 certificate ({secret.Properties.ContentType}).");
        var certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(secret.Value), password: null, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"The certificate '{secret.Name}' has no private key: it cannot decrypt the key ring.");
        return certificate;
    }
}
