using Referrals.Functions.Text;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Referrals.Functions.Signing;

/// <summary>How the leader signs in for the signing page. The link in the mail is only the second factor:
/// the draft shows, and the decision is signed, only for a signed-in person who is a signer of the link's unit.
/// <list type="bullet">
/// <item><c>OpenIdConnect</c> (standalone host): ASP.NET Core's OpenID Connect handler (authorization code +
/// PKCE, query response mode) against Entra ID in production or the local provider (scripts/dev-oidc) in
/// development and tests, with a cookie session of <see cref="SessionMinutes"/> on <c>/signing</c>.</item>
/// <item><c>AppServiceAuthentication</c> (Azure Functions host): App Service Authentication (authsettingsV2,
/// Entra ID) signs the leader in and the platform passes the principal in <c>X-MS-CLIENT-PRINCIPAL</c>
/// (the platform removes that header from client requests).</item>
/// </list></summary>
internal sealed class SignerSignInOptions
{
    public const string Section = "Signing:SignIn";
    public const string OpenIdConnect = "OpenIdConnect";
    public const string AppServiceAuthentication = "AppServiceAuthentication";

    [Required, AllowedValues(OpenIdConnect, AppServiceAuthentication)]
    public string Mode { get; set; } = OpenIdConnect;

    /// <summary>OpenIdConnect: e.g. https://login.microsoftonline.com/{tenant}/v2.0, or the local provider.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long a sign-in lasts on the signing page (not renewed by use).</summary>
    [Range(1, 480)]
    public int SessionMinutes { get; set; } = 15;

    /// <summary>The claims that carry the person: Entra's object id, display name, job title and app roles.</summary>
    [Required] public string ObjectIdClaim { get; set; } = "oid";

    [Required] public string NameClaim { get; set; } = "name";

    [Required] public string TitleClaim { get; set; } = "title";

    [Required] public string RoleClaim { get; set; } = "roles";

    /// <summary>A role value <c>{SignerRole}.{unit}</c> makes its holder a signer of that unit (a role-unit
    /// pair: a signer of one unit is no signer of another).</summary>
    [Required] public string SignerRole { get; set; } = "Signer";
}

/// <summary>The signed-in person on the signing page: object id, name, title and the units they sign for.</summary>
internal sealed record Signer(string ObjectId, string Name, string? Title, IReadOnlySet<string> SignerUnits)
{
    public bool Signs(string unit) => SignerUnits.Contains(unit);
}

internal static class SignerSignIn
{
    public const string CookieScheme = "SigningSession";
    public const string OidcScheme = "SigningOidc";
    public const string CallbackPath = "/signing/signin-oidc";
    public const string CookieName = "referrals-signer";

    public static IServiceCollection AddSignerSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignerSignInOptions>().Bind(configuration.GetSection(SignerSignInOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(SignerSignInOptions.Section).Get<SignerSignInOptions>() ?? new SignerSignInOptions();
        if (options.Mode != SignerSignInOptions.OpenIdConnect || string.IsNullOrWhiteSpace(options.Authority)) return services;

        services.AddAuthentication()
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.Path = "/signing";
                cookie.Cookie.HttpOnly = true;
                // Lax: the session must arrive on the redirect back from the identity provider (another site).
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
                cookie.SlidingExpiration = false;
            })
            .AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.SignInScheme = CookieScheme;
                oidc.Authority = options.Authority;
                oidc.ClientId = options.ClientId;
                oidc.ClientSecret = options.ClientSecret;
                oidc.RequireHttpsMetadata = options.RequireHttpsMetadata;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                // Query, not form_post: the callback is a plain top-level GET, which needs no script and
                // carries Lax cookies.
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.UsePkce = true;
                // A signature is a deliberate act: the leader authenticates afresh at the provider for each
                // signing session, never through a provider session someone left open on a shared desk.
                oidc.Prompt = OpenIdConnectPrompt.Login;
                oidc.CallbackPath = CallbackPath;
                oidc.SaveTokens = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.MapInboundClaims = false;
                oidc.Scope.Clear();
                oidc.Scope.Add("openid");
                oidc.Scope.Add("profile");
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // The provider's tokens and the browser's cookies live in real time.
                oidc.TimeProvider = TimeProvider.System;
                oidc.Events.OnTokenValidated = context =>
                {
                    // Keep only what the page needs: a small cookie, nothing else about the person.
                    context.Principal = Minimal(context.Principal!, options);
                    return Task.CompletedTask;
                };
                oidc.Events.OnRemoteFailure = context =>
                {
                    context.HandleResponse();
                    var language = ApiTexts.PageLanguageOf(context.HttpContext);
                    return SigningPages.Refusal(context.HttpContext, language, "sign-in-failed", StatusCodes.Status401Unauthorized)
                        .ExecuteAsync(context.HttpContext);
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<TimeProvider>((cookie, time) => cookie.TimeProvider = time);
        return services;
    }

    /// <summary>The signed-in signer of this request, or null (no session, an expired one, or none configured).
    /// In OpenIdConnect mode it also becomes <c>HttpContext.User</c>, so the form's anti-forgery token is
    /// bound to this person.</summary>
    public static async Task<Signer?> SignerAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<SignerSignInOptions>>().Value;
        ClaimsPrincipal? principal = null;
        if (options.Mode == SignerSignInOptions.AppServiceAuthentication)
            principal = FromAppServiceHeader(context.Request.Headers["X-MS-CLIENT-PRINCIPAL"].ToString());
        else if (await context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(CookieScheme) is not null)
        {
            var result = await context.AuthenticateAsync(CookieScheme);
            if (result.Succeeded) principal = result.Principal;
        }
        if (principal is null) return null;
        var signer = From(principal, options);
        if (signer is not null) context.User = Minimal(principal, options);
        return signer;
    }

    /// <summary>Sends the browser to sign in and back to the page (<paramref name="returnPath"/>, carried
    /// protected in the state parameter, never in clear to the provider).</summary>
    public static async Task<IResult> ChallengeAsync(HttpContext context, string returnPath, string language)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<SignerSignInOptions>>().Value;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (options.Mode == SignerSignInOptions.AppServiceAuthentication)
            return Results.Redirect("/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(returnPath));
        if (await context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(OidcScheme) is null)
            return SigningPages.Refusal(context, language, "sign-in-unavailable", StatusCodes.Status503ServiceUnavailable);
        try
        {
            await context.ChallengeAsync(OidcScheme, new AuthenticationProperties { RedirectUri = returnPath });
            return Results.Empty;
        }
        catch (Exception e) when (e is OpenIdConnectProtocolException or HttpRequestException or InvalidOperationException or IOException)
        {
            // The identity provider cannot be reached or refused the request: a clear page, never the path.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Referrals.Functions.Signing")
                .LogWarning("Sign-in for the signing page failed: {ExceptionType}", e.GetType().Name);
            context.Response.Headers.Location = default;
            context.Response.StatusCode = StatusCodes.Status200OK;
            return SigningPages.Refusal(context, language, "sign-in-unavailable", StatusCodes.Status503ServiceUnavailable);
        }
    }

    public static Signer? From(ClaimsPrincipal principal, SignerSignInOptions options)
    {
        var oid = principal.FindFirst(options.ObjectIdClaim)?.Value;
        var name = principal.FindFirst(options.NameClaim)?.Value;
        if (string.IsNullOrWhiteSpace(oid) || string.IsNullOrWhiteSpace(name)) return null;
        var prefix = options.SignerRole + ".";
        var units = principal.FindAll(options.RoleClaim).Select(c => c.Value)
            .Where(v => v.StartsWith(prefix, StringComparison.Ordinal) && v.Length > prefix.Length)
            .Select(v => v[prefix.Length..]).ToHashSet(StringComparer.Ordinal);
        var title = principal.FindFirst(options.TitleClaim)?.Value;
        return new Signer(oid, name, string.IsNullOrWhiteSpace(title) ? null : title, units);
    }

    private static ClaimsPrincipal Minimal(ClaimsPrincipal principal, SignerSignInOptions options)
    {
        var kept = principal.Claims.Where(c => c.Type == options.ObjectIdClaim || c.Type == options.NameClaim
            || c.Type == options.TitleClaim || c.Type == options.RoleClaim).Select(c => new Claim(c.Type, c.Value)).ToList();
        if (principal.FindFirst(options.ObjectIdClaim)?.Value is { } oid) kept.Add(new Claim("sub", oid));
        return new ClaimsPrincipal(new ClaimsIdentity(kept, "signing", options.NameClaim, options.RoleClaim));
    }

    /// <summary>App Service Authentication's principal: base64 JSON <c>{"claims":[{"typ":..,"val":..}]}</c>.</summary>
    internal static ClaimsPrincipal? FromAppServiceHeader(string header)
    {
        if (string.IsNullOrEmpty(header) || header.Length > 32_000) return null;
        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            if (!json.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array) return null;
            var list = new List<Claim>();
            foreach (var c in claims.EnumerateArray())
            {
                var type = c.TryGetProperty("typ", out var t) ? t.GetString() : null;
                var value = c.TryGetProperty("val", out var v) ? v.GetString() : null;
                if (type is not null && value is not null)
                    // Entra's long claim type names for the object id and roles, as App Service passes them.
                    list.Add(new Claim(type switch
                    {
                        "http://schemas.microsoft.com/identity/claims/objectidentifier" => "oid",
                        "http://schemas.microsoft.com/ws/2008/06/identity/claims/role" => "roles",
                        _ => type,
                    }, value));
            }
            return new ClaimsPrincipal(new ClaimsIdentity(list, "appservice"));
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
