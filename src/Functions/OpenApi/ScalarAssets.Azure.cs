using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Scalar.AspNetCore;

namespace Referrals.Functions.OpenApi;

/// <summary>Scalar's own bundle (the API reference's JavaScript), as the Scalar.AspNetCore package we pin
/// ships it: an embedded resource of that assembly (<c>ScalarStaticAssets.scalar.js</c>, gzip-compressed
/// in the package's Release build). The standalone host serves it through MapScalarApiReference; the
/// Functions host has no endpoint routing, so this serves the same bytes from our own trigger. Nothing is
/// loaded from a CDN, and the version is the package's.</summary>
internal static class ScalarAssets
{
    public const string ResourceName = "ScalarStaticAssets.scalar.js";

    private static readonly Lazy<Asset> Script = new(() => Load(ResourceName));

    /// <summary>A strong validator of the bytes (the package version changes them).</summary>
    public static string ScriptETag => Script.Value.ETag;

    /// <summary>The script for one request: 304 on a matching If-None-Match, gzip when the client accepts it.</summary>
    public static IActionResult ScriptFor(HttpRequest request)
    {
        var asset = Script.Value;
        var response = request.HttpContext.Response;
        response.Headers.CacheControl = "no-cache";
        response.Headers.ETag = asset.ETag;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.XContentTypeOptions = "nosniff";
        if (request.Headers.IfNoneMatch.ToString() == asset.ETag) return new StatusCodeResult(StatusCodes.Status304NotModified);
        if (asset.Gzip is { } gzip && AcceptsGzip(request))
        {
            response.Headers.ContentEncoding = "gzip";
            return new FileContentResult(gzip, "text/javascript; charset=utf-8");
        }
        return new FileContentResult(asset.Plain, "text/javascript; charset=utf-8");
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);

    private static Asset Load(string name)
    {
        using var stream = typeof(ScalarOptions).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Scalar.AspNetCore no longer embeds {name}: see how its MapScalarApiReference serves scalar.js.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var raw = copy.ToArray();
        var gzipped = raw.Length > 2 && raw[0] == 0x1f && raw[1] == 0x8b;
        var plain = gzipped ? Gunzip(raw) : raw;
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(plain))[..32]}\"";
        return new Asset(plain, gzipped ? raw : null, etag);
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private sealed record Asset(byte[] Plain, byte[]? Gzip, string ETag);
}
