using System.Xml.Linq;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Signing;

/// <summary>The data-protection key ring (which the signing page's anti-forgery tokens depend on) in
/// Blob Storage, so that a page served by one instance can be posted to another. Without it each
/// instance keeps its own keys and a leader's click could land where the form's token is unknown.</summary>
internal sealed class BlobKeyRing(BlobServiceClient blobs, IOptions<StorageOptions> storage) : IXmlRepository
{
    public const string Container = "dataprotection";
    private readonly Lazy<BlobContainerClient> container = new(() =>
    {
        var client = blobs.GetBlobContainerClient(storage.Value.ContainerName(Container));
        client.CreateIfNotExists();
        return client;
    });

    public IReadOnlyCollection<XElement> GetAllElements() =>
        container.Value.GetBlobs().Select(blob =>
        {
            using var stream = container.Value.GetBlobClient(blob.Name).OpenRead();
            return XElement.Load(stream);
        }).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        using var buffer = new MemoryStream();
        element.Save(buffer);
        buffer.Position = 0;
        container.Value.GetBlobClient($"{friendlyName}.xml").Upload(buffer, overwrite: false);
    }
}

internal static class BlobKeyRingSetup
{
    /// <summary>With <c>DataProtection:UseStorage=true</c> (production), the key ring lives in Blob Storage;
    /// otherwise ASP.NET Core's default (a folder of the user profile) is enough for one host. With
    /// <c>DataProtection:CertificateName</c> (and <c>KeyVaultUri</c>), every key is encrypted at rest with a
    /// Key Vault certificate (<see cref="IKeyRingCertificates"/>; a test may pass its own); outside
    /// Development a shared key ring without one does not start (<see cref="Edge.StartupChecks"/>).</summary>
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, IConfiguration configuration, IKeyRingCertificates? certificates = null)
    {
        var keyRing = services.AddDataProtection().SetApplicationName("referrals");
        if (configuration.GetValue<bool>("DataProtection:UseStorage"))
        {
            services.AddSingleton<BlobKeyRing>();
            services.AddOptions<KeyManagementOptions>()
                .Configure<IServiceProvider>((options, provider) => options.XmlRepository = provider.GetRequiredService<BlobKeyRing>());
        }
        // Read once at start: a vault that cannot be read stops the host rather than leave keys in plain text.
        if (certificates is null && configuration["DataProtection:CertificateName"] is { Length: > 0 } name
            && Uri.TryCreate(configuration["DataProtection:KeyVaultUri"], UriKind.Absolute, out var vault))
            certificates = KeyVaultKeyRingCertificates.Connect(vault, name);
        if (certificates is not null)
            keyRing.ProtectKeysWithCertificate(certificates.Current).UnprotectKeysWithAnyCertificate([.. certificates.All]);
        return services;
    }
}
