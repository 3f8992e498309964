using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace Referrals.Functions.Tests.Infrastructure;

/// <summary>Real Azurite and maildev for the tests. Uses REFERRALS_TEST_STORAGE /
/// REFERRALS_TEST_SMTP_PORT / REFERRALS_TEST_MAILDEV_URL when set (scripts/test and .ci/run start them
/// once for all projects); otherwise starts both from node_modules/.bin on free loopback ports, storage
/// in memory, and stops them on dispose. Tests stay apart by a unique name prefix per test
/// (<see cref="NewPrefix"/>) for tables and containers, or unique referral ids.</summary>
public sealed class DevServices : IAsyncLifetime
{
    private readonly List<Process> started = [];

    /// <summary>Storage connection string (Azurite's well-known development account).</summary>
    public string StorageConnectionString { get; private set; } = "";

    public int SmtpPort { get; private set; }

    public Uri MaildevUrl { get; private set; } = null!;

    public MaildevClient Maildev { get; private set; } = null!;

    /// <summary>The repository root (where Functions.sln is), for child processes and node_modules.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public async Task InitializeAsync()
    {
        var storage = Environment.GetEnvironmentVariable("REFERRALS_TEST_STORAGE");
        var smtp = Environment.GetEnvironmentVariable("REFERRALS_TEST_SMTP_PORT");
        var maildevUrl = Environment.GetEnvironmentVariable("REFERRALS_TEST_MAILDEV_URL");

        if (string.IsNullOrEmpty(storage))
        {
            int blob = FreePort(), queue = FreePort(), table = FreePort();
            Start("azurite", "--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
                "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{table}");
            await WaitForPortAsync(table);
            await WaitForPortAsync(blob);
            storage = AzuriteConnectionString(blob, queue, table);
        }

        if (string.IsNullOrEmpty(smtp) || string.IsNullOrEmpty(maildevUrl))
        {
            int smtpPort = FreePort(), webPort = FreePort();
            Start("maildev", "--ip", "127.0.0.1", "--smtp", $"{smtpPort}", "--web", $"{webPort}");
            await WaitForPortAsync(smtpPort);
            await WaitForPortAsync(webPort);
            smtp = $"{smtpPort}";
            maildevUrl = $"http://127.0.0.1:{webPort}";
        }

        StorageConnectionString = storage;
        SmtpPort = int.Parse(smtp);
        MaildevUrl = new Uri(maildevUrl);
        Maildev = new MaildevClient(MaildevUrl);
    }

    public Task DisposeAsync()
    {
        Maildev?.Dispose();
        foreach (var process in started)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            process.Dispose();
        }
        return Task.CompletedTask;
    }

    /// <summary>A fresh prefix for table and container names (letters and digits, starts with a letter),
    /// so that tests sharing one Azurite never see each other's rows.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A fresh referral id.</summary>
    public static string NewReferralId() => "r-" + Guid.NewGuid().ToString("N")[..16];

    public static string AzuriteConnectionString(int blob, int queue, int table) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForPortAsync(int port, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private void Start(string tool, params string[] arguments)
    {
        var path = Path.Combine(RepositoryRoot, "node_modules", ".bin", tool);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} not found: run 'npm ci' in {RepositoryRoot} or set REFERRALS_TEST_STORAGE, " +
                "REFERRALS_TEST_SMTP_PORT and REFERRALS_TEST_MAILDEV_URL (source scripts/dev-services.sh).");
        }
        var info = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        started.Add(process);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The tests that share one Azurite and maildev. Classes in this collection run one after the
/// other, so a test may clear the maildev inbox.</summary>
[CollectionDefinition(Name)]
public sealed class DevServicesCollection : ICollectionFixture<DevServices>
{
    public const string Name = "dev services";
}

/// <summary>The few calls of maildev's REST API the tests need (maildev 3 serves it under /api:
/// GET /api/email, DELETE /api/email/all).</summary>
public sealed class MaildevClient(Uri baseUrl) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<IReadOnlyList<MaildevEmail>> AllAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<MaildevEmail>>("api/email", cancellationToken) ?? [];

    public async Task DeleteAllAsync(CancellationToken cancellationToken = default) =>
        (await http.DeleteAsync("api/email/all", cancellationToken)).EnsureSuccessStatusCode();

    /// <summary>Polls until <paramref name="until"/> holds for the inbox (or the timeout passes) and
    /// returns the last inbox seen; the caller asserts on it.</summary>
    public async Task<IReadOnlyList<MaildevEmail>> WaitAsync(
        Func<IReadOnlyList<MaildevEmail>, bool> until, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var all = await AllAsync(cancellationToken);
            if (until(all) || DateTime.UtcNow > deadline) return all;
            await Task.Delay(100, cancellationToken);
        }
    }

    public void Dispose() => http.Dispose();
}

public sealed record MaildevEmail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("to")] IReadOnlyList<MaildevAddress>? To,
    [property: JsonPropertyName("from")] IReadOnlyList<MaildevAddress>? From,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Headers)
{
    /// <summary>The Message-ID header as sent (with its angle brackets).</summary>
    public string? MessageId =>
        Headers is not null && Headers.TryGetValue("message-id", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String
            ? value.GetString()
            : null;

    public bool IsTo(string address) => To?.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>To one of a test's own mailboxes, "{prefix}-{role}@…" (see <see cref="TestRuntime.Mailbox"/>).</summary>
    public bool IsToMailboxOf(string prefix) =>
        To?.Any(a => a.Address.StartsWith(prefix + "-", StringComparison.Ordinal)) == true;

    /// <summary>A reminder: "Muistutus: …", or the signer's "Päätösluonnos odottaa yhä …".</summary>
    public bool IsReminder =>
        Subject?.StartsWith("Muistutus", StringComparison.Ordinal) == true ||
        Subject?.StartsWith("Päätösluonnos odottaa yhä", StringComparison.Ordinal) == true;
}

public sealed record MaildevAddress(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("name")] string? Name);
