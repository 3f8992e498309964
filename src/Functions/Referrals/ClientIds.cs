using System.Security.Cryptography;
using System.Text;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using Referrals.Domain.Clients;

namespace Referrals.Functions.Referrals;

/// <summary>The opaque client id: HMAC-SHA256 of the personal identity code under a secret key, so the
/// same person maps to the same id across referrals while the code itself is never stored, and the id
/// cannot be reversed or recomputed by anyone without the key.</summary>
internal sealed class ClientIds(IOptions<ClientIdOptions> options)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(
        string.IsNullOrWhiteSpace(options.Value.Key) || options.Value.Key.Length < 32
            ? throw new InvalidOperationException("Clients:Key (a secret of at least 32 characters) is required.")
            : options.Value.Key);

    public string For(PersonalIdentityCode code)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(code.Value));
        return "c-" + Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    /// <summary>Validates the code; temporary numbers (900–999) only where configured (test environments).</summary>
    public bool TryParse(string text, [NotNullWhen(true)] out PersonalIdentityCode? code, [NotNullWhen(false)] out PersonalIdentityCodeError? reason) =>
        PersonalIdentityCode.TryParse(text, options.Value.AllowTemporaryNumbers, out code, out reason);
}

internal sealed class ClientIdOptions
{
    public const string Section = "Clients";

    /// <summary>The HMAC key (at least 32 characters; checked at start). Changing it changes every future
    /// client id: keep it for the service's life.</summary>
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Clients:Key (a secret of at least 32 characters) is required.")]
    [System.ComponentModel.DataAnnotations.MinLength(32, ErrorMessage = "Clients:Key must be at least 32 characters.")]
    public string? Key { get; set; }

    /// <summary>Accept individual numbers 900–999 (temporary codes, never a real person's): development
    /// and test data only.</summary>
    public bool AllowTemporaryNumbers { get; set; }
}
