using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Referrals.Functions.Auth;

/// <summary>Auth settings checked at start: a known mode, development tokens only in the Development
/// environment, a long enough local key, an https authority for Entra ID, grants that parse.</summary>
internal sealed class AuthOptionsValidation(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public static string DevelopmentOnly(IHostEnvironment environment) =>
        $"Auth:Mode=Development (tokens signed with a local key) is allowed only in the Development environment, not in {environment.EnvironmentName}; configure Auth:Mode=EntraId with Auth:Authority and Auth:Audience.";

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (!options.IsDevelopment && !string.Equals(options.Mode, "EntraId", StringComparison.OrdinalIgnoreCase))
            errors.Add("Auth:Mode must be EntraId or Development.");
        if (options.IsDevelopment)
        {
            if (!environment.IsDevelopment()) errors.Add(DevelopmentOnly(environment));
            if (string.IsNullOrWhiteSpace(options.SigningKey) || options.SigningKey.Length < 32)
                errors.Add("Auth:SigningKey (at least 32 characters) is required when Auth:Mode=Development.");
        }
        else if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            errors.Add("Auth:Authority (https, e.g. https://login.microsoftonline.com/{tenant}/v2.0) is required when Auth:Mode=EntraId.");
        if (string.IsNullOrWhiteSpace(options.Audience)) errors.Add("Auth:Audience is required.");
        foreach (var (group, grants) in options.GroupGrants)
            foreach (var grant in grants.Where(g => Grant.Parse(g) is null))
                errors.Add($"Auth:GroupGrants:{group} has a value that is not a grant (Role:unit): {grant}");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>JWT bearer authentication for the API: Entra ID in production, a local key in development.</summary>
internal static class AuthSetup
{
    public static IServiceCollection AddReferralsAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>>(new AuthOptionsValidation(environment));
        if (options.IsDevelopment && !environment.IsDevelopment())
            throw new InvalidOperationException(AuthOptionsValidation.DevelopmentOnly(environment));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                // WWW-Authenticate says only "Bearer": not why a token failed.
                jwt.IncludeErrorDetails = false;
                jwt.TokenValidationParameters.ClockSkew = AuthOptions.ClockSkew;
                jwt.TokenValidationParameters.RequireExpirationTime = true;
                jwt.TokenValidationParameters.LifetimeValidator = (notBefore, expires, token, parameters) =>
                    LifetimeIsValid(notBefore, expires, token, options.MaxTokenLifetime, DateTime.UtcNow);
                jwt.TokenValidationParameters.NameClaimType = "sub";
                jwt.TokenValidationParameters.RoleClaimType = options.RoleClaim;
                jwt.TokenValidationParameters.ValidAudience = options.Audience;
                if (options.IsDevelopment)
                {
                    jwt.RequireHttpsMetadata = false;
                    jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
                    jwt.TokenValidationParameters.IssuerSigningKey = DevelopmentTokens.KeyOf(options);
                }
                else
                {
                    if (string.IsNullOrWhiteSpace(options.Authority))
                        throw new InvalidOperationException("Auth:Authority is required when Auth:Mode=EntraId (e.g. https://login.microsoftonline.com/{tenant}/v2.0).");
                    jwt.Authority = options.Authority;
                }
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>exp in the future and nbf in the past (each within the skew), and no longer-lived than
    /// <paramref name="max"/>: neither from its issue (exp − iat) nor from now (exp − now).</summary>
    public static bool LifetimeIsValid(DateTime? notBefore, DateTime? expires, SecurityToken token, TimeSpan max, DateTime utcNow)
    {
        if (expires is not { } exp) return false;
        var skew = AuthOptions.ClockSkew;
        if (exp.ToUniversalTime() < utcNow - skew) return false;
        if (notBefore is { } nbf && nbf.ToUniversalTime() > utcNow + skew) return false;
        if (exp.ToUniversalTime() - utcNow > max + skew) return false;
        var issuedAt = token switch
        {
            Microsoft.IdentityModel.JsonWebTokens.JsonWebToken jwt => jwt.IssuedAt,
            _ => DateTime.MinValue,
        };
        if (issuedAt == DateTime.MinValue) return false; // no iat: its lifetime cannot be bounded
        return exp.ToUniversalTime() - issuedAt.ToUniversalTime() <= max + skew;
    }

    internal static SymmetricSecurityKey SymmetricKey(string key) => new(Encoding.UTF8.GetBytes(key));
}
