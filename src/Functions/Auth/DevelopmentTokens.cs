using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Referrals.Domain.Common;

namespace Referrals.Functions.Auth;

/// <summary>Mints development tokens signed with the local key, for curl and for tests:
/// <c>dotnet run --project src/Functions -- mint-token --role ReferringWorker --unit vantaa-adult-social-work --user u1</c>.
/// Refuses when the configuration is not in Development mode, so a production key is never used for this.</summary>
internal static class DevelopmentTokens
{
    public static SymmetricSecurityKey KeyOf(AuthOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey) || options.SigningKey.Length < 32)
            throw new InvalidOperationException("Auth:SigningKey (at least 32 characters) is required when Auth:Mode=Development.");
        return AuthSetup.SymmetricKey(options.SigningKey);
    }

    /// <summary>A token granting <paramref name="role"/> in each of <paramref name="units"/> (just the role when none).</summary>
    public static string Mint(AuthOptions options, string userId, Role role, IEnumerable<string> units, TimeSpan lifetime, DateTimeOffset now)
    {
        var list = units.ToList();
        return Mint(options, userId, list.Count == 0 ? [new Grant(role, "")] : list.Select(u => new Grant(role, u)), lifetime, now);
    }

    /// <summary>A token with these grants, each a <c>Role:unit</c> value of the role claim.</summary>
    public static string Mint(AuthOptions options, string userId, IEnumerable<Grant> grants, TimeSpan lifetime, DateTimeOffset now,
        string? name = null, string? title = null)
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
                [options.RoleClaim] = grants.Select(g => g.ToString()).ToArray(),
            },
            SigningCredentials = new SigningCredentials(KeyOf(options), SecurityAlgorithms.HmacSha256),
        };
        if (!string.IsNullOrWhiteSpace(name)) descriptor.Claims[options.NameClaim] = name;
        if (!string.IsNullOrWhiteSpace(title)) descriptor.Claims[options.TitleClaim] = title;
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>The <c>mint-token</c> command: prints a token to stdout and returns the exit code.</summary>
    /// <param name="environment">The host environment; by default from the environment variables (<see cref="EnvironmentName"/>).</param>
    public static int RunCli(string[] args, TextWriter output, TextWriter error, string? environment = null)
    {
        string? user = null, roleText = null, name = null, title = null;
        var units = new List<string>();
        var grants = new List<Grant>();
        var hours = 8;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--user": user = value; i++; break;
                case "--role": roleText = value; i++; break;
                case "--name": name = value; i++; break;
                case "--title": title = value; i++; break;
                case "--unit": if (value is not null) units.Add(value); i++; break;
                case "--grant":
                    if (Grant.Parse(value) is not { } grant) { error.WriteLine($"not a grant (Role:unit): {value}"); return Usage(error); }
                    grants.Add(grant); i++; break;
                case "--hours": hours = int.TryParse(value, out var h) && h > 0 ? h : hours; i++; break;
                default: error.WriteLine($"unknown option {args[i]}"); return Usage(error);
            }
        }
        Role role = default;
        if (user is null || (roleText is null && grants.Count == 0) ||
            (roleText is not null && (!Enum.TryParse(roleText, out role) || role == Role.System)))
            return Usage(error);
        if (roleText is not null) grants.AddRange(units.Count == 0 ? [new Grant(role, "")] : units.Select(u => new Grant(role, u)));

        // The host's own default: no environment variable means Production. Only an explicit Development mints.
        environment ??= EnvironmentName();
        if (!string.Equals(environment, "Development", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine($"mint-token works only in the Development environment (this is {environment}): set ASPNETCORE_ENVIRONMENT=Development on a developer's machine.");
            return 2;
        }
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
        if (TimeSpan.FromHours(hours) > options.MaxTokenLifetime)
        {
            error.WriteLine($"--hours {hours} is longer than Auth:MaxTokenLifetime ({options.MaxTokenLifetime}); the API would refuse the token.");
            return 1;
        }
        output.WriteLine(Mint(options, user, grants, TimeSpan.FromHours(hours), DateTimeOffset.UtcNow, name, title));
        return 0;
    }

    /// <summary>The environment the host would run in: ASPNETCORE_ENVIRONMENT, DOTNET_ENVIRONMENT, AZURE_FUNCTIONS_ENVIRONMENT, else Production.</summary>
    public static string EnvironmentName() =>
        new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "AZURE_FUNCTIONS_ENVIRONMENT" }
            .Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "Production";

    private static int Usage(TextWriter error)
    {
        error.WriteLine("usage: mint-token --user <id> (--role <ReferringWorker|ReviewBodyMember|Signer|Auditor|Operator|ReportViewer|ServiceProvider> [--unit <unit> ...] | --grant <Role:unit> ...) [--name <display name>] [--title <job title>] [--hours 8]");
        return 1;
    }
}
