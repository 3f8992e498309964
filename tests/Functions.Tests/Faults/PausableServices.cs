using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Faults;

/// <summary>An Azurite (in memory) and a maildev of one test's own, as child processes it can pause with
/// SIGSTOP and resume with SIGCONT: a storage account or SMTP relay that stops answering without closing
/// its sockets, as a hung service does. Ports from REFERRALS_FAULT_PORT_BASE (five in a row, default
/// 26150), so that it never takes the shared services' ports.</summary>
public sealed class PausableServices : IAsyncDisposable
{
    private const int SigStop = 19, SigCont = 18;
    private readonly Process azurite;
    private readonly Process maildev;

    private PausableServices(int portBase)
    {
        int blob = portBase, queue = portBase + 1, table = portBase + 2;
        SmtpPort = portBase + 3;
        var web = portBase + 4;
        azurite = Start("azurite", "--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}");
        maildev = Start("maildev", "--ip", "127.0.0.1", "--smtp", $"{SmtpPort}", "--web", $"{web}");
        StorageConnectionString = DevServices.AzuriteConnectionString(blob, queue, table);
        Maildev = new MaildevClient(new Uri($"http://127.0.0.1:{web}"));
        Ports = [blob, queue, table, SmtpPort, web];
    }

    public string StorageConnectionString { get; }

    public int SmtpPort { get; }

    public MaildevClient Maildev { get; }

    private int[] Ports { get; }

    public static async Task<PausableServices> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("REFERRALS_FAULT_PORT_BASE");
        var services = new PausableServices(string.IsNullOrEmpty(configured) ? 26150 : int.Parse(configured, CultureInfo.InvariantCulture));
        foreach (var port in services.Ports) await DevServices.WaitForPortAsync(port);
        return services;
    }

    public void PauseStorage() => Signal(azurite, SigStop);

    public void ResumeStorage() => Signal(azurite, SigCont);

    public void PauseSmtp() => Signal(maildev, SigStop);

    public void ResumeSmtp() => Signal(maildev, SigCont);

    public ValueTask DisposeAsync()
    {
        Maildev.Dispose();
        foreach (var process in new[] { azurite, maildev })
        {
            try
            {
                Signal(process, SigCont);
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            process.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    private static void Signal(Process process, int signal)
    {
        if (kill(process.Id, signal) != 0) throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: {Marshal.GetLastWin32Error()}");
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // one call of a libc function with int arguments: no marshalling to generate
    private static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054

    private static Process Start(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(DevServices.RepositoryRoot, "node_modules", ".bin", tool))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DevServices.RepositoryRoot,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
