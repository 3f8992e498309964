using System.Diagnostics;

namespace Referrals.Functions.Tests.Infrastructure;

/// <summary>The local OpenID Connect provider (scripts/dev-oidc/provider.mjs, oidc-provider from the npm
/// lockfile) that the signing page signs in at. REFERRALS_TEST_OIDC_URL when set (scripts/test and .ci/run
/// start it with the other dev services); otherwise one is started on a free loopback port for this test
/// process and stopped when it exits. Its users are scripts/dev-oidc/users.json (password = login).</summary>
public static class LocalOidc
{
    private static readonly Lazy<string> Started = new(Start);

    public static string Url => Started.Value;

    private static string Start()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("REFERRALS_TEST_OIDC_URL");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment.TrimEnd('/');
        var port = DevServices.FreePort();
        var info = new ProcessStartInfo("node", [Path.Combine(DevServices.RepositoryRoot, "scripts", "dev-oidc", "provider.mjs")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DevServices.RepositoryRoot,
        };
        info.Environment["OIDC_PORT"] = $"{port}";
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
        };
        DevServices.WaitForPortAsync(port).GetAwaiter().GetResult();
        return $"http://127.0.0.1:{port}";
    }
}
