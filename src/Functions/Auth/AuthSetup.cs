using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Referrals.Functions.Auth;

/// <summary>JWT bearer authentication for the API: Entra ID in production, a local key in development.</summary>
public static class AuthSetup
{
    public static IServiceCollection AddReferralsAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        if (options.IsDevelopment && environment.IsProduction())
            throw new InvalidOperationException("Auth:Mode=Development (a local signing key) is not allowed in Production; configure Auth:Mode=EntraId with Auth:Authority and Auth:Audience.");

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
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

    internal static SymmetricSecurityKey SymmetricKey(string key) => new(Encoding.UTF8.GetBytes(key));
}
