using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Referrals.Functions.Edge;
using Referrals.Functions.Signing;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Signing;

/// <summary>The shared data-protection key ring (the signing form's anti-forgery keys) in Blob Storage on
/// Azurite, encrypted at rest with a certificate (Key Vault's in production): no key is stored in plain
/// text, a host with the certificate reads the keys of another, a rotated certificate keeps old keys
/// readable, and a host without the certificate reads nothing. Outside Development a shared key ring
/// without a certificate does not start.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class KeyRingProtectionTests(DevServices devServices)
{
    private readonly string prefix = DevServices.NewPrefix();

    [Fact]
    public void Keys_are_stored_encrypted_and_read_back_only_with_the_certificate_old_versions_included()
    {
        using var first = Certificate("first");
        using var second = Certificate("second");

        var payload = Provider(new Certificates(first, first)).CreateProtector("form").Protect("the leader's form");

        var stored = StoredKeys();
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });

        // Another instance, after the certificate was rotated: new keys with the new one, old keys still read.
        Assert.Equal("the leader's form", Provider(new Certificates(second, second, first)).CreateProtector("form").Unprotect(payload));
        // Without the certificate the stored key cannot be decrypted.
        Assert.ThrowsAny<CryptographicException>(() => Provider(new Certificates(second, second)).CreateProtector("form").Unprotect(payload));
    }

    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Staging", "dataprotection", true)]
    [InlineData("Development", null, true)]
    public void Outside_development_a_shared_key_ring_needs_a_certificate(string environment, string? certificate, bool starts)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataProtection:UseStorage"] = "true",
            ["DataProtection:CertificateName"] = certificate,
            ["DataProtection:KeyVaultUri"] = certificate is null ? null : "https://kv-referrals.vault.azure.net/",
        }).Build();
        var problems = StartupChecks.Problems(configuration, new Environment(environment));
        Assert.Equal(starts, !problems.Any(p => p.StartsWith("DataProtection:", StringComparison.Ordinal)));
    }

    private IDataProtectionProvider Provider(IKeyRingCertificates certificates)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(new BlobServiceClient(devServices.StorageConnectionString));
        services.AddSingleton(Options.Create(new StorageOptions { ConnectionString = devServices.StorageConnectionString, NamePrefix = prefix }));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:UseStorage"] = "true" }).Build();
        services.AddSharedKeyRing(configuration, certificates);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    private List<string> StoredKeys()
    {
        var container = new BlobServiceClient(devServices.StorageConnectionString)
            .GetBlobContainerClient(new StorageOptions { NamePrefix = prefix }.ContainerName(BlobKeyRing.Container));
        return container.GetBlobs().Select(b => container.GetBlobClient(b.Name).DownloadContent().Value.Content.ToString()).ToList();
    }

    private static X509Certificate2 Certificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=referrals-keyring-{name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        // As Key Vault hands it out: a PKCS #12 with its private key.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
    }

    private sealed class Certificates(X509Certificate2 current, params X509Certificate2[] all) : IKeyRingCertificates
    {
        public X509Certificate2 Current => current;

        public IReadOnlyList<X509Certificate2> All => all;
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "referrals";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
