using System.ComponentModel.DataAnnotations;

namespace Referrals.Functions.Storage;

/// <summary>Where state and documents live. Development: a connection string (Azurite by default).
/// Production: the account's service URIs, reached with DefaultAzureCredential (managed identity), so
/// no key is stored anywhere.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>Used when the service URIs are not set.</summary>
    public string? ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Production: https://{account}.table.core.windows.net (with <see cref="BlobServiceUri"/>).</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Production: https://{account}.blob.core.windows.net.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Production: https://{audit account}.table.core.windows.net, a storage account of its own for
    /// table <c>AccessLog</c>, where the app's identity may only read and add rows (infra/modules/audit.bicep):
    /// no update, no delete. Unset: the access log is a table of the main account.</summary>
    public Uri? AccessLogTableServiceUri { get; set; }

    /// <summary>Prepended to every table and container name: lets tests (or several environments) share
    /// one account. Letters and digits only.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$|^$", ErrorMessage = "Storage:NamePrefix must be letters and digits, starting with a letter.")]
    public string NamePrefix { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasUris = TableServiceUri is not null || BlobServiceUri is not null;
        if (hasUris && (TableServiceUri is null || BlobServiceUri is null))
        {
            yield return new ValidationResult(
                "Set both Storage:TableServiceUri and Storage:BlobServiceUri (production, DefaultAzureCredential), or neither.",
                [nameof(TableServiceUri), nameof(BlobServiceUri)]);
        }
        if (!hasUris && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Storage:ConnectionString is empty: set it (e.g. UseDevelopmentStorage=true for Azurite) or set Storage:TableServiceUri and Storage:BlobServiceUri.",
                [nameof(ConnectionString)]);
        }
    }

    public string TableName(string name) => NamePrefix + name;

    public string ContainerName(string name) => (NamePrefix + name).ToLowerInvariant();
}
