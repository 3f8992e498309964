using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Referrals.Functions.Signing;

namespace Referrals.Functions.Tests.Infrastructure;

/// <summary>A signing-page session as the OpenID Connect sign-in leaves it (the host's own cookie, protected
/// with its own keys), for the HTTP-level tests; the browser tests sign in at the local provider for real.</summary>
public static class SignerSessions
{
    public const string ObjectId = "7d0c1e0a-0000-4000-8000-0000000000ff";
    public const string Name = "Testi Allekirjoittaja";
    public const string Title = "Johtava sosiaalityöntekijä";

    /// <summary>The cookie (name, value) of a session of a person with the given role values (e.g. "Signer.unit-a").</summary>
    /// <param name="lifetime">Default: the configured session length, on the host's clock (a host on compressed
    /// business time needs a longer one).</param>
    public static (string Name, string Value) Cookie(IServiceProvider services, string[] roles, string objectId = ObjectId, string name = Name, string? title = Title, TimeSpan? lifetime = null)
    {
        var options = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(SignerSignIn.CookieScheme);
        var claims = new List<Claim> { new("sub", objectId), new("oid", objectId), new("name", name) };
        if (title is not null) claims.Add(new Claim("title", title));
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, "signing", "name", "roles")),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + (lifetime ?? options.ExpireTimeSpan) }, SignerSignIn.CookieScheme);
        return (options.Cookie.Name!, options.TicketDataFormat.Protect(ticket));
    }

    /// <summary>A Cookie header value for a signer of <paramref name="unit"/>.</summary>
    public static string CookieHeaderForSignerOf(IServiceProvider services, string unit, string objectId = ObjectId)
    {
        var (name, value) = Cookie(services, [$"Signer.{unit}"], objectId);
        return $"{name}={value}";
    }
}
