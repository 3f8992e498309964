using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Referrals.Domain.Common;

namespace Referrals.Functions.Auth;

/// <summary>Mints development tokens signed with the local key, for curl and for tests:
/// <c>dotnet run --project src/Functions -- mint-token --role ReferringWorker --unit vantaa-adult-social-work --user u1</c>.
/// Refuses when the configuration is not in Development mode, so a production key is never used for this.</summary>
public static class DevelopmentTokens
{
    public static SymmetricSecurityKey KeyOf(AuthOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey) || options.SigningKey.Length < 32)
            throw new InvalidOperationException("Auth:SigningKey (at least 32 characters) is required when Auth:Mode=Development.");
        return AuthSetup.SymmetricKey(options.SigningKey);
    }

    public static string Mint(AuthOptions options, string userId, Role role, IEnumerable<string> units, TimeSpan lifetime, DateTimeOffset now)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddMinutes(-1),
            Expires = now.UtcDateTime.Add(lifetime),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = userId,
                [options.RoleClaim] = role.ToString(),
                [options.UnitsClaim] = units.ToArray(),
            },
            SigningCredentials = new SigningCredentials(KeyOf(options), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>The <c>mint-token</c> command: prints a token to stdout and returns the exit code.</summary>
    public static int RunCli(string[] args, TextWriter output, TextWriter error)
    {
        string? user = null, roleText = null;
        var units = new List<string>();
        var hours = 8;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--user": user = value; i++; break;
                case "--role": roleText = value; i++; break;
                case "--unit": if (value is not null) units.Add(value); i++; break;
                case "--hours": hours = int.TryParse(value, out var h) && h > 0 ? h : hours; i++; break;
                default: error.WriteLine($"unknown option {args[i]}"); return Usage(error);
            }
        }
        if (user is null || roleText is null || !Enum.TryParse<Role>(roleText, out var role) || role == Role.System)
            return Usage(error);

        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Development";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (!options.IsDevelopment)
        {
            error.WriteLine("mint-token works only with Auth:Mode=Development (the local signing key).");
            return 2;
        }
        output.WriteLine(Mint(options, user, role, units, TimeSpan.FromHours(hours), DateTimeOffset.UtcNow));
        return 0;
    }

    private static int Usage(TextWriter error)
    {
        error.WriteLine("usage: mint-token --role <ReferringWorker|ReviewBodyMember|Signer|Auditor|Operator> --unit <unit> [--unit <unit> ...] --user <id> [--hours 8]");
        return 1;
    }
}
