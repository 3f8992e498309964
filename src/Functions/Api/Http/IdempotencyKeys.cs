using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Referrals.Functions.Problems;

namespace Referrals.Functions.Api.Http;

/// <summary>The <c>Idempotency-Key</c> header of POSTs: the same key again answers with the first result
/// and writes nothing. Keys become storage row keys, so their alphabet and length are limited. A key is
/// bound to its first use: the caller, the route (method and path) and a hash of the body. The same key
/// with any of them different is refused (422 <c>idempotency-key-reused</c>) and answers nothing of the first.</summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 64;

    private const string BodyHashItem = "referrals.body-sha256";

    /// <summary>What a key is bound to: SHA-256 over the caller's user id, the method and path, and the body's hash.</summary>
    public static string Fingerprint(string userId, HttpRequest request, string bodySha256Hex) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{userId}\n{request.Method} {request.Path.Value}\n{bodySha256Hex}")));

    /// <summary>The fingerprint of this request, whose body <see cref="JsonBody"/> has read (and hashed).</summary>
    public static string Fingerprint(string userId, HttpContext context) =>
        Fingerprint(userId, context.Request, context.Items[BodyHashItem] as string ?? "");

    /// <summary>Remembers the hash of the body read for this request.</summary>
    public static void RememberBody(HttpContext context, ReadOnlySpan<byte> body) =>
        context.Items[BodyHashItem] = Convert.ToHexStringLower(SHA256.HashData(body));

    public static FieldError? Check(string? key) =>
        key is null || (key.Length is > 0 and <= MaxLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            ? null
            : new FieldError(Header, "field.idempotency-key");

    /// <summary>A submission's referral id, derived from the caller and their key so that a retried
    /// submit addresses the same referral (and is answered from the first result); random without a key.</summary>
    public static string ReferralIdFor(string userId, string? key)
    {
        if (key is null) return "r-" + Guid.NewGuid().ToString("N");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{key}"));
        return "r-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>An attachment's id, derived from the referral and the key so that a retried upload
    /// addresses the same blob (written once); null without a key (the store picks a random id).</summary>
    public static string? AttachmentIdFor(string referralId, string? key)
    {
        if (key is null) return null;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{referralId}\n{key}"));
        return "a-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
