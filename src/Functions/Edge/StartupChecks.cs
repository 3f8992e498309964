using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Referrals.Functions.Text;

namespace Referrals.Functions.Edge;

/// <summary>The whole configuration, checked once when the host starts (ValidateOnStart): a host that
/// would run on a public development key or an unresolved secret does not start at all.
/// <list type="bullet">
/// <item>Everywhere: no value is an unresolved Key Vault reference (<c>@Microsoft.KeyVault(...)</c>): the
/// platform could not read the secret, and the reference string must never be used as a key.</item>
/// <item>Outside Development: no secret has a value committed to this repository
/// (<c>appsettings.Development.json</c>, <c>local.settings.sample.json</c>, embedded at build time):
/// <c>Auth:SigningKey</c>, <c>Clients:Key</c>, <c>Signing:LinkSecret</c>, the development storage
/// connection, and any other key of those files whose name says it is a secret.</item>
/// </list>
/// Errors name the setting, never its value.</summary>
internal sealed class StartupChecks
{
    /// <summary>Names of settings that hold secrets (the last segment of the key, case-insensitive).</summary>
    private static readonly string[] SecretNames = ["Key", "SigningKey", "LinkSecret", "Secret", "Password", "ConnectionString", "AzureWebJobsStorage"];

    /// <summary>Settings that moved (old key → the one read now).</summary>
    private static readonly (string Old, string Now)[] Renamed = [("Attachments:MaxBytes", "Documents:MaxAttachmentBytes")];

    public static bool IsSecretName(string key)
    {
        var last = key.Split(':')[^1];
        return SecretNames.Any(n => last.EndsWith(n, StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsUnresolvedKeyVaultReference(string? value) =>
        value is not null && value.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    /// <summary>The secrets committed for development, by setting key (Section:Key).</summary>
    public static IReadOnlyDictionary<string, string> CommittedDevelopmentSecrets { get; } = LoadCommitted();

    /// <summary>Everything wrong with this configuration in this environment; empty when it may start.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = new List<string>();
        var committedValues = CommittedDevelopmentSecrets.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (string.IsNullOrEmpty(value)) continue;
            if (IsUnresolvedKeyVaultReference(value))
                problems.Add($"{key} is an unresolved Key Vault reference: give the app's identity access to the secret (Key Vault Secrets User) and check that the secret exists.");
            else if (!environment.IsDevelopment() && committedValues.Contains(value))
                problems.Add($"{key} has a development value committed to the repository; in {environment.EnvironmentName} it must be a secret of its own (from Key Vault).");
        }
        // Settings that were renamed: ignored silently, they would leave a county on the default it meant to change.
        foreach (var (old, now) in Renamed)
            if (!string.IsNullOrEmpty(configuration[old]))
                problems.Add($"{old} is no longer read: use {now}.");
        // The signing page's sign-in: without these the first request would fail, not the start.
        if (string.Equals(configuration["Signing:SignIn:Mode"] ?? "OpenIdConnect", "OpenIdConnect", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var key in new[] { "Authority", "ClientId", "ClientSecret" })
                if (string.IsNullOrWhiteSpace(configuration[$"Signing:SignIn:{key}"]))
                    problems.Add($"Signing:SignIn:{key} is required: the signing page signs the leader in with OpenID Connect (Signing:SignIn:Mode).");
            if (!environment.IsDevelopment() && configuration["Signing:SignIn:Authority"] is { Length: > 0 } authority
                && !authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                problems.Add($"Signing:SignIn:Authority must use https in {environment.EnvironmentName}.");
        }
        if (!environment.IsDevelopment() && configuration.GetValue<bool>("DataProtection:UseStorage")
            && (string.IsNullOrWhiteSpace(configuration["DataProtection:CertificateName"]) || !Uri.TryCreate(configuration["DataProtection:KeyVaultUri"], UriKind.Absolute, out _)))
            problems.Add($"DataProtection:CertificateName and DataProtection:KeyVaultUri must name the Key Vault certificate that encrypts the shared key ring; in {environment.EnvironmentName} it is not stored in plain text.");
        if (!environment.IsDevelopment())
        {
            if (!string.IsNullOrWhiteSpace(configuration["ClientRecords:DevelopmentKey"]))
                problems.Add($"ClientRecords:DevelopmentKey is for Development only; in {environment.EnvironmentName} the client records' key-encryption key comes from Key Vault (ClientRecords:KeyVaultUri, ClientRecords:KeyName).");
            if (string.IsNullOrWhiteSpace(configuration["ClientRecords:KeyName"]) || !Uri.TryCreate(configuration["ClientRecords:KeyVaultUri"], UriKind.Absolute, out _))
                problems.Add($"ClientRecords:KeyVaultUri and ClientRecords:KeyName must name the Key Vault secret whose versions encrypt the client records; in {environment.EnvironmentName} there is no development key.");
            foreach (var key in new[] { "Clients:Key", "Signing:LinkSecret" })
            {
                var value = configuration[key];
                if (value is not null && value.StartsWith("development-only", StringComparison.OrdinalIgnoreCase) && !problems.Any(p => p.StartsWith(key + " ", StringComparison.Ordinal)))
                    problems.Add($"{key} is a development value; in {environment.EnvironmentName} it must be a secret of its own (from Key Vault).");
            }
        }
        return problems;
    }

    private static Dictionary<string, string> LoadCommitted()
    {
        var secrets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (resource, root) in new[] { ("Referrals.Functions.committed.appsettings.Development.json", (string?)null), ("Referrals.Functions.committed.local.settings.sample.json", "Values") })
        {
            using var document = JsonDocument.Parse(EmbeddedFiles.Named(resource), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var element = root is null ? document.RootElement : document.RootElement.GetProperty(root);
            Flatten(element, "", secrets);
        }
        return secrets.Where(s => IsSecretName(s.Key) && s.Value.Length > 0).ToDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Flatten(property.Value, prefix.Length == 0 ? property.Name.Replace("__", ":", StringComparison.Ordinal) : $"{prefix}:{property.Name}", into);
                break;
            case JsonValueKind.String:
                into[prefix] = element.GetString()!;
                break;
        }
    }
}

/// <summary>The checks as an options validation, so that they run with every other ValidateOnStart.</summary>
internal sealed class StartupCheckOptions;

internal sealed class ValidateStartupChecks(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<StartupCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, StartupCheckOptions options)
    {
        var problems = StartupChecks.Problems(configuration, environment);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal static class StartupCheckSetup
{
    public static IServiceCollection AddStartupChecks(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<StartupCheckOptions>, ValidateStartupChecks>();
        services.AddOptions<StartupCheckOptions>().ValidateOnStart();
        return services;
    }
}
