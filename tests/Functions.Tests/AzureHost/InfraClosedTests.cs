using System.Text.RegularExpressions;

namespace Referrals.Functions.Tests.AzureHost;

/// <summary>The infrastructure stays closed (scripts/bicep-lint checks the same on every run): storage,
/// the access log's account and Key Vault never have public network access again, no network ACL
/// allows by default, decisions are WORM, and the app's role on the access log cannot update or delete.</summary>
public sealed partial class InfraClosedTests
{
    private static IEnumerable<(string File, string Text)> Templates() =>
        Directory.EnumerateFiles(RepositoryFiles.Path("infra"), "*.bicep", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)));

    [Fact]
    public void No_storage_account_or_key_vault_has_public_network_access()
    {
        var checkedAny = false;
        foreach (var (file, text) in Templates().Where(t => t.File != "functionapp.bicep"))
        {
            foreach (Match m in PublicNetworkAccess().Matches(text))
            {
                checkedAny = true;
                Assert.True(m.Groups[1].Value == "'Disabled'", $"{file}: publicNetworkAccess: {m.Groups[1].Value}");
            }
            foreach (Match m in DefaultAction().Matches(text))
                Assert.True(m.Groups[1].Value == "'Deny'", $"{file}: defaultAction: {m.Groups[1].Value}");
        }
        Assert.True(checkedAny);
        foreach (var resource in new[] { "storage.bicep", "audit.bicep", "keyvault.bicep" })
            Assert.Contains("publicNetworkAccess: 'Disabled'", Templates().Single(t => t.File == resource).Text);
    }

    [Fact]
    public void The_function_app_is_vnet_integrated_and_its_access_restrictions_deny_by_default()
    {
        var app = Templates().Single(t => t.File == "functionapp.bicep").Text;
        Assert.Contains("virtualNetworkSubnetId: appSubnetId", app);
        Assert.Contains("ipSecurityRestrictionsDefaultAction: 'Deny'", app);
        Assert.Contains("scmIpSecurityRestrictionsDefaultAction: 'Deny'", app);
    }

    [Fact]
    public void Decisions_are_worm_and_the_access_log_is_append_only_for_the_app()
    {
        var storage = Templates().Single(t => t.File == "storage.bicep").Text;
        Assert.Contains("isVersioningEnabled: true", storage);
        Assert.Matches(@"name: 'decisions'\s+properties: \{\s+publicAccess: 'None'\s+immutableStorageWithVersioning: \{\s+enabled: true", storage);
        Assert.Contains("immutabilityPeriodSinceCreationInDays: decisionRetentionDays", storage);

        var audit = Templates().Single(t => t.File == "audit.bicep").Text;
        var dataActions = Regex.Match(audit, @"dataActions: \[(.*?)\]", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(
            ["Microsoft.Storage/storageAccounts/tableServices/tables/entities/add/action", "Microsoft.Storage/storageAccounts/tableServices/tables/entities/read"],
            Regex.Matches(dataActions, "'([^']+)'").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        Assert.Contains("allowSharedKeyAccess: false", audit);
        // The app's other storage roles are on the main account, never on the access log's.
        Assert.DoesNotContain("audit", Templates().Single(t => t.File == "access.bicep").Text, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^\s*publicNetworkAccess:\s*(.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex PublicNetworkAccess();

    [GeneratedRegex(@"^\s*defaultAction:\s*(.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex DefaultAction();
}
