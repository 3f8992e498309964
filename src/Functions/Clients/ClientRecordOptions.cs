using System.ComponentModel.DataAnnotations;

namespace Referrals.Functions.Clients;

/// <summary>Where the key-encryption key (KEK) of the protected client records comes from
/// (<see cref="IKeyEncryptionKeys"/>): outside Development a Key Vault secret (<see cref="KeyVaultUri"/>,
/// <see cref="KeyName"/>), each version a 256-bit key; in Development the committed
/// <see cref="DevelopmentKey"/> (refused elsewhere by <see cref="Edge.StartupChecks"/>).</summary>
internal sealed class ClientRecordOptions : IValidatableObject
{
    public const string Section = "ClientRecords";

    /// <summary>https://{vault}.vault.azure.net/: the vault holding the KEK secret, read by the app's identity.</summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>The Key Vault secret whose versions are the KEKs (base64 of 32 random bytes each): the
    /// newest enabled version wraps new data keys, every enabled version unwraps.</summary>
    public string? KeyName { get; set; }

    /// <summary>Development only: a KEK as base64 of 32 bytes, used when no Key Vault is named.</summary>
    public string? DevelopmentKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeyVaultUri is not null != !string.IsNullOrWhiteSpace(KeyName))
            yield return new ValidationResult("Set both ClientRecords:KeyVaultUri and ClientRecords:KeyName (the Key Vault secret holding the client records' key-encryption key), or neither.",
                [nameof(KeyVaultUri), nameof(KeyName)]);
        if (KeyVaultUri is null && string.IsNullOrWhiteSpace(DevelopmentKey))
            yield return new ValidationResult("ClientRecords:KeyVaultUri and ClientRecords:KeyName are required: they name the key that encrypts the client records.",
                [nameof(KeyVaultUri)]);
        if (!string.IsNullOrWhiteSpace(DevelopmentKey) && DevelopmentKeyEncryptionKeys.Decode(DevelopmentKey) is null)
            yield return new ValidationResult("ClientRecords:DevelopmentKey must be base64 of exactly 32 bytes.", [nameof(DevelopmentKey)]);
    }
}
