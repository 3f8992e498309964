using System.Diagnostics;

namespace Referrals.Functions.Tests.Crash;

/// <summary>The crash host (tests/Functions.CrashHost) as a child process: send a command line, read its
/// acknowledgement, or kill it mid-flight.</summary>
public sealed class ChildHost : IAsyncDisposable
{
    private readonly Process process;

    private ChildHost(Process process) => this.process = process;

    public static async Task<ChildHost> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Infrastructure.DevServices.RepositoryRoot,
        };
        info.ArgumentList.Add(Path);
        foreach (var (key, value) in settings) info.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(info) ?? throw new InvalidOperationException("The crash host did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var host = new ChildHost(process);
        var ready = await host.ReadLineAsync(timeout);
        if (ready != "READY") throw new InvalidOperationException($"The crash host said '{ready}' instead of READY.");
        return host;
    }

    /// <summary>Runs a command; the acknowledgement, or null when the host died first.</summary>
    public async Task<string?> RunAsync(string line, TimeSpan timeout)
    {
        try
        {
            await process.StandardInput.WriteLineAsync(line);
            await process.StandardInput.FlushAsync();
        }
        catch (IOException)
        {
            return null;
        }
        return await ReadLineAsync(timeout);
    }

    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // exited already
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>Closes stdin, so the host stops gracefully.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await process.StandardOutput.ReadLineAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The crash host did not answer in time.");
        }
    }

    private static string Path
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release" : "Debug";
            var path = System.IO.Path.Combine(Infrastructure.DevServices.RepositoryRoot, "tests", "Functions.CrashHost", "bin", configuration, "net10.0",
                "Referrals.Functions.CrashHost.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build tests/Functions.CrashHost first.", path);
        }
    }
}
