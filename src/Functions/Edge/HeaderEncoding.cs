using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Referrals.Functions.Edge;

/// <summary>Header values are read as UTF-8, as Kestrel does by default; but by default a byte sequence
/// that is not UTF-8 is refused by Kestrel's parser itself, with a bare 400 and no body, before any
/// middleware runs. So Kestrel decodes header values with a UTF-8 that replaces what is not UTF-8 by
/// U+FFFD, and this middleware refuses a request whose headers hold U+FFFD: 400 <c>header-not-utf8</c>
/// as problem+json (on /signing the HTML error page). Valid UTF-8 reads as before. Neither the header's
/// name nor its value is echoed or logged.</summary>
internal static class HeaderEncoding
{
    public const string Code = "header-not-utf8";

    private const char Replacement = '\uFFFD';

    private static readonly Encoding ReplacingUtf8 = Encoding.GetEncoding(
        "utf-8", EncoderFallback.ExceptionFallback, new DecoderReplacementFallback(Replacement.ToString()));

    public static IServiceCollection AddUtf8HeaderReading(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o => o.RequestHeaderEncodingSelector = _ => ReplacingUtf8);

    public static IApplicationBuilder UseUtf8HeaderCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HasUndecodable(context.Request.Headers))
            {
                await ProblemHandling.WriteErrorAsync(context, StatusCodes.Status400BadRequest, Code);
                return;
            }
            await next(context);
        });

    public static bool HasUndecodable(IHeaderDictionary headers) =>
        headers.Any(h => h.Value.Any(v => v is not null && v.Contains(Replacement, StringComparison.Ordinal)));
}
