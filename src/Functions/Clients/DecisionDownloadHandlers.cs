using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Referrals.Domain.Clients;
using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Decisions;
using Referrals.Functions.Documents;
using Referrals.Functions.Commands;
using Referrals.Functions.Signing;
using Referrals.Functions.Text;

namespace Referrals.Functions.Clients;

/// <summary>The client's protected download of a signed decision, from the link in the electronic
/// notification mail. The link is a random token (only its SHA-256 is stored), valid for
/// <see cref="DecisionDownloadOptions.ExpiryDays"/>. It is only the first factor: the page asks for the
/// client's personal identity code, which the mail does not carry, and serves the decision only when it
/// matches the client record; after <see cref="DecisionDownloadOptions.MaxAttempts"/> wrong answers the
/// link is locked. Every download is access-logged. GET only shows the form (mail scanners fetch links),
/// with no client data; nothing on the page or in a refusal says whose decision it is.
/// Legal caveat: knowing an identity code is weak identification (others may know it). In production the
/// county would put strong electronic identification (Suomi.fi-tunnistus, Act 617/2009) in front of this
/// page, or deliver through Suomi.fi-viestit; the code check is what can be built and tested here.</summary>
internal static class DecisionDownloadHandlers
{
    /// <summary>The route templates the access log records (never the path: it holds the token).</summary>
    public const string DownloadRoute = "POST /decision-download/{token}";

    /// <summary>The access log's user id for the client: the link, by a prefix of its hash (not the token).</summary>
    public static string ClientUserId(string tokenHash) => "client-link-" + tokenHash[..12];

    public static async Task<IResult> Show(HttpContext context, string token, CancellationToken cancellationToken)
    {
        var language = ApiTexts.PageLanguageOf(context);
        var (refusal, _) = await ResolveAsync(context, token, cancellationToken);
        return refusal is not null ? Refusal(context, language, refusal) : Form(context, language, token, error: null, StatusCodes.Status200OK);
    }

    public static async Task<IResult> Download(HttpContext context, string token, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType) return Refusal(context, "fi", "invalid", StatusCodes.Status415UnsupportedMediaType);
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var language = ApiTexts.PageLanguageOf(context, form["lang"]);
        var (refusal, grant) = await ResolveAsync(context, token, cancellationToken);
        if (refusal is not null) return Refusal(context, language, refusal);

        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<DecisionDownloadOptions>>().Value;
        var state = await services.GetRequiredService<IReferralReader>().GetAsync(grant!.ReferralId, cancellationToken);
        var record = state is null ? null : await services.GetRequiredService<IClientRecords>().GetAsync(state.ClientId, cancellationToken);
        // The decision the link was sent for: the latest, or an earlier one notified after a later one was signed.
        if (state?.SignedDecisions.FirstOrDefault(d => d.DraftVersion == grant.DraftVersion)?.Decision is not { } decision || record is null)
            return Refusal(context, language, "unavailable", StatusCodes.Status409Conflict);

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!Matches(form["identityCode"].ToString(), record.IdentityCode))
        {
            var after = await services.GetRequiredService<IDecisionDownloadGrants>().FailAsync(grant.TokenHash, options.MaxAttempts, now, cancellationToken);
            if (after is null || after.LockedAt is not null) return Refusal(context, language, "locked");
            var left = Math.Max(0, options.MaxAttempts - after.FailedAttempts).ToString(CultureInfo.InvariantCulture);
            return Form(context, language, token, string.Format(CultureInfo.InvariantCulture, ApiTexts.Get("download.wrong", language), left), StatusCodes.Status400BadRequest);
        }

        await services.GetRequiredService<IAccessLog>().RecordAsync(
            new AccessRecord(state.Id, ClientUserId(grant.TokenHash), "Client", state.Unit, DownloadRoute, now), cancellationToken);
        var stored = await services.GetRequiredService<IDocumentStore>().ReadSignedDecisionAsync(state.Id, decision.DraftVersion, cancellationToken);
        var html = stored ?? Encoding.UTF8.GetBytes(DecisionDocument.Render(await DecisionRendering.ForSignedAsync(services, state, decision, cancellationToken)));
        PrivateHeaders(context);
        context.Response.Headers.ContentDisposition = "attachment; filename=\"paatos-beslut.html\"";
        return TypedResults.Bytes(html, "text/html; charset=utf-8");
    }

    private static async Task<(string? Refusal, DecisionDownloadGrant? Grant)> ResolveAsync(HttpContext context, string token, CancellationToken cancellationToken)
    {
        if (!SigningTokens.LooksValid(token)) return ("invalid", null);
        var services = context.RequestServices;
        var grant = await services.GetRequiredService<IDecisionDownloadGrants>().FindAsync(SigningTokens.HashOf(token), cancellationToken);
        if (grant is null) return ("invalid", null);
        if (grant.LockedAt is not null) return ("locked", grant);
        if (services.GetRequiredService<TimeProvider>().GetUtcNow() >= grant.ExpiresAt) return ("expired", grant);
        return (null, grant);
    }

    /// <summary>The typed code against the record's, in constant time, after the same normalisation as at
    /// submission (spaces, lower case); a code that does not even parse is simply wrong.</summary>
    private static bool Matches(string typed, PersonalIdentityCode expected)
    {
        if (!PersonalIdentityCode.TryParse(typed, allowTemporaryNumbers: true, out var code, out _)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(code.Value), Encoding.ASCII.GetBytes(expected.Value));
    }

    private static IResult Form(HttpContext context, string language, string token, string? error, int status)
    {
        var markup = new Dictionary<string, string>();
        if (error is not null) markup["error"] = $"<p class=\"error\" role=\"alert\">{SigningTemplates.Encode(error)}</p>";
        var values = new Dictionary<string, string> { ["lang"] = language, ["action"] = $"/decision-download/{token}" };
        return Html(context, SigningTemplates.Render("decision-download.html", language, values, markup), status);
    }

    private static IResult Refusal(HttpContext context, string language, string outcome, int? status = null)
    {
        var values = new Dictionary<string, string>
        {
            ["lang"] = language,
            ["heading"] = ApiTexts.Get($"download.{outcome}.heading", language),
            ["message"] = ApiTexts.Get($"download.{outcome}.message", language),
        };
        return Html(context, SigningTemplates.Render("signing-result.html", language, values),
            status ?? (outcome == "invalid" ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone));
    }

    private static IResult Html(HttpContext context, string html, int status)
    {
        PrivateHeaders(context);
        return TypedResults.Text(html, "text/html", Encoding.UTF8, status);
    }

    /// <summary>No referrer (the token is in the URL), no caching, no framing, no scripts.</summary>
    private static void PrivateHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }
}

/// <summary>The download form: the identity code and the page's language.</summary>
internal sealed record DecisionDownloadForm(string IdentityCode, string? Lang);
