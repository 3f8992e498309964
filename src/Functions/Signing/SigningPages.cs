using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Functions.Text;

namespace Referrals.Functions.Signing;

/// <summary>The HTML responses of the signing page, in Finnish or Swedish, each with the headers that
/// keep the link private: no referrer (the token is in the URL), no caching, no framing, no scripts.</summary>
internal static class SigningPages
{

    public static IResult Form(HttpContext context, string language, string token, string documentHtml, string? error)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var values = new Dictionary<string, string>
        {
            ["lang"] = language,
            ["document"] = documentHtml,
            ["action"] = $"/signing/{token}",
            ["antiforgeryField"] = tokens.FormFieldName,
            ["antiforgeryToken"] = tokens.RequestToken ?? "",
        };
        var markup = new Dictionary<string, string>();
        if (error is not null)
            markup["error"] = $"<p class=\"error\" role=\"alert\">{SigningTemplates.Encode(ApiTexts.Get(error, language))}</p>";
        var status = error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return Html(context, SigningTemplates.Render("signing-page.html", language, values, markup), status);
    }

    public static IResult Done(HttpContext context, string language, string outcome) => Result(context, language, outcome, StatusCodes.Status200OK);

    /// <summary>A link that cannot act: unknown (404), expired, used or superseded (410), or a bad form.</summary>
    public static IResult Refusal(HttpContext context, string language, string outcome, int? status = null) =>
        Result(context, language, outcome, status ?? (outcome == "invalid" ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone));

    public static IResult Rejected(HttpContext context, string language, Rejection rejection)
    {
        var values = new Dictionary<string, string>
        {
            ["lang"] = language,
            ["heading"] = ApiTexts.Get("signing.rejected.heading", language),
            ["message"] = ApiTexts.Get($"rejection.{rejection.Code}", language),
        };
        return Html(context, SigningTemplates.Render("signing-result.html", language, values), StatusCodes.Status409Conflict);
    }

    private static IResult Result(HttpContext context, string language, string outcome, int status)
    {
        var values = new Dictionary<string, string>
        {
            ["lang"] = language,
            ["heading"] = ApiTexts.Get($"signing.{outcome}.heading", language),
            ["message"] = ApiTexts.Get($"signing.{outcome}.message", language),
        };
        return Html(context, SigningTemplates.Render("signing-result.html", language, values), status);
    }

    private static IResult Html(HttpContext context, string html, int status)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // A form posted after the session ended is redirected to the identity provider: form-action allows its origin.
        var authority = context.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<SignerSignInOptions>>()?.Value.Authority;
        var provider = Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'{provider}; frame-ancestors 'none'; base-uri 'none'";
        return TypedResults.Text(html, "text/html", Encoding.UTF8, status);
    }
}
