using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Referrals.Functions.Edge;
using Referrals.Functions.Tests.Api;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Edge;

/// <summary>The host refuses to start on settings it must not run with: outside Development the committed
/// development secrets and development authentication; anywhere an unresolved Key Vault reference or a
/// missing Clients:Key (at start, not as a 500 at the first submission). A proper non-development
/// configuration starts. appsettings.Development.json is not published.</summary>
public sealed class StartupValidationTests
{
    /// <summary>A non-development configuration with secrets of its own.</summary>
    public static Dictionary<string, string?> Staging() => new()
    {
        ["Auth:Mode"] = "EntraId",
        ["Auth:Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
        ["Auth:Audience"] = "api://referrals-test",
        ["Auth:SigningKey"] = null,
        ["Clients:Key"] = "staging-client-key-" + new string('s', 32),
        ["Signing:LinkSecret"] = "staging-link-secret-" + new string('l', 32),
        ["Storage:ConnectionString"] = "DefaultEndpointsProtocol=https;AccountName=stagingaccount;AccountKey=c3RhZ2luZw==;EndpointSuffix=core.windows.net",
        ["DataProtection:UseStorage"] = "false",
        // The client records' key-encryption key is a Key Vault secret (read on first use, not at start).
        ["ClientRecords:DevelopmentKey"] = null,
        ["ClientRecords:KeyVaultUri"] = "https://kv-referrals.vault.azure.net/",
        ["ClientRecords:KeyName"] = "client-records-kek",
        // The signing page signs in at the county's provider over https (the tests' local one is http).
        ["Signing:SignIn:Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
        ["Signing:SignIn:ClientId"] = "referrals-signing-staging",
        ["Signing:SignIn:ClientSecret"] = "staging-oidc-secret-" + new string('o', 32),
    };

    private static string StartFailure(string environment, Dictionary<string, string?> settings)
    {
        using var factory = new ApiFactory { EnvironmentName = environment, Settings = settings };
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        return error.ToString();
    }

    [Fact]
    public void Outside_development_the_committed_development_secrets_are_refused()
    {
        var committed = StartupChecks.CommittedDevelopmentSecrets;
        var settings = Staging();
        foreach (var key in new[] { "Clients:Key", "Signing:LinkSecret", "Storage:ConnectionString" })
        {
            Assert.True(committed.ContainsKey(key), $"{key} is not among the committed development secrets");
            settings[key] = committed[key];
        }
        var failure = StartFailure("Staging", settings);
        foreach (var key in new[] { "Clients:Key", "Signing:LinkSecret", "Storage:ConnectionString" })
            Assert.Contains($"{key} has a development value", failure, StringComparison.Ordinal);
        // The errors name the settings, never the secret values.
        Assert.DoesNotContain(committed["Clients:Key"], failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_committed_signing_key_and_development_authentication_are_refused_outside_development()
    {
        var settings = Staging();
        settings["Auth:Mode"] = "Development";
        settings["Auth:SigningKey"] = StartupChecks.CommittedDevelopmentSecrets["Auth:SigningKey"];
        var failure = StartFailure("Staging", settings);
        Assert.Contains("allowed only in the Development environment", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Staging")]
    public void An_unresolved_key_vault_reference_is_refused(string environment)
    {
        var settings = environment == "Development" ? new Dictionary<string, string?>() : Staging();
        settings["Clients:Key"] = "@Microsoft.KeyVault(SecretUri=https://kv-referrals.vault.azure.net/secrets/client-id-key)";
        var failure = StartFailure(environment, settings);
        Assert.Contains("Clients:Key is an unresolved Key Vault reference", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_old_attachment_limit_setting_is_refused_with_the_one_that_replaced_it()
    {
        var failure = StartFailure("Development", new() { ["Attachments:MaxBytes"] = "1048576" });
        Assert.Contains("Attachments:MaxBytes is no longer read: use Documents:MaxAttachmentBytes", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_client_key_fails_at_start()
    {
        var failure = StartFailure("Development", new() { ["Clients:Key"] = "" });
        Assert.Contains("Clients:Key (a secret of at least 32 characters) is required", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_development_the_client_records_key_comes_from_key_vault_never_from_the_development_key()
    {
        var development = Staging();
        development["ClientRecords:DevelopmentKey"] = StartupChecks.CommittedDevelopmentSecrets["ClientRecords:DevelopmentKey"];
        var failure = StartFailure("Staging", development);
        Assert.Contains("ClientRecords:DevelopmentKey has a development value", failure, StringComparison.Ordinal);
        Assert.Contains("ClientRecords:DevelopmentKey is for Development only", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(StartupChecks.CommittedDevelopmentSecrets["ClientRecords:DevelopmentKey"], failure, StringComparison.Ordinal);

        var none = Staging();
        none["ClientRecords:KeyVaultUri"] = null;
        none["ClientRecords:KeyName"] = null;
        Assert.Contains("ClientRecords:KeyVaultUri and ClientRecords:KeyName must name the Key Vault secret", StartFailure("Staging", none), StringComparison.Ordinal);
    }

    [Fact]
    public void The_signing_sign_in_is_checked_at_start_not_at_the_first_request()
    {
        var missing = Staging();
        missing["Signing:SignIn:ClientSecret"] = null;
        Assert.Contains("Signing:SignIn:ClientSecret is required", StartFailure("Staging", missing), StringComparison.Ordinal);
        var plain = Staging();
        plain["Signing:SignIn:Authority"] = "http://login.example.invalid/";
        Assert.Contains("Signing:SignIn:Authority must use https in Staging", StartFailure("Staging", plain), StringComparison.Ordinal);
        var shared = Staging();
        shared["DataProtection:UseStorage"] = "true";
        Assert.Contains("DataProtection:CertificateName and DataProtection:KeyVaultUri must name the Key Vault certificate", StartFailure("Staging", shared), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_development_configuration_with_its_own_secrets_starts_with_hsts_and_a_secure_form_cookie()
    {
        using var factory = new ApiFactory { EnvironmentName = "Staging", Settings = Staging() };
        var response = await factory.ClientWith(null).GetAsync("/api/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EdgeHeaders.Hsts, response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(CookieSecurePolicy.Always, factory.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task Development_sends_no_hsts_and_the_form_cookie_follows_the_request()
    {
        using var factory = new ApiFactory();
        var response = await factory.ClientWith(null).GetAsync("/api/health/live");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(CookieSecurePolicy.SameAsRequest, factory.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SecurePolicy);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Appsettings_Development_is_not_in_the_publish_output(bool azureFunctions)
    {
        var project = Path.Combine(DevServices.RepositoryRoot, "src", "Functions", "Functions.csproj");
        if (azureFunctions && !File.Exists(Path.Combine(DevServices.RepositoryRoot, ".local", "azure", "obj", "Functions", "project.assets.json")))
            Assert.Fail("The Azure Functions build has not been restored: run scripts/test (or dotnet build src/Functions -p:AzureFunctions=true) first.");
        var start = new ProcessStartInfo("dotnet", ["msbuild", project, "-nologo", "-t:ComputeResolvedFilesToPublishList",
            "-getItem:ResolvedFileToPublish", .. azureFunctions ? new[] { "-p:AzureFunctions=true" } : []])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output);
        var published = JsonDocument.Parse(output).RootElement.GetProperty("Items").GetProperty("ResolvedFileToPublish")
            .EnumerateArray().Select(i => i.GetProperty("RelativePath").GetString()).ToList();
        Assert.Contains("appsettings.json", published);
        Assert.DoesNotContain(published, p => p!.Contains("appsettings.Development", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(published, p => p!.Contains("local.settings", StringComparison.OrdinalIgnoreCase));
    }
}
