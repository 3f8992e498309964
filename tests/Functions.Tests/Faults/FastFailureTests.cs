using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure;
using Microsoft.Extensions.Options;
using MimeKit;
using Referrals.Functions.Mail;
using Referrals.Functions.Edge;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Tests.Faults;

/// <summary>The pieces of fast failure, without pausing anything: which errors are a storage outage,
/// the limits on the request path's budget, and an SMTP relay that accepts and then says nothing.</summary>
public sealed class FastFailureTests
{
    public static TheoryData<string> Outages => new() { "timeout", "refused", "server-error", "every-retry", "inner-timeout" };

    private static Exception Outage(string kind) => kind switch
    {
        "timeout" => new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:02."),
        "refused" => new RequestFailedException(0, "Connection refused", new HttpRequestException("Connection refused")),
        "server-error" => new RequestFailedException(503, "Server busy"),
        "every-retry" => new AggregateException("Retry failed after 2 tries.", new TaskCanceledException(), new RequestFailedException(0, "refused")),
        _ => new AggregateException(new TimeoutException()),
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void A_storage_outage_is_503_storage_unavailable(string kind) =>
        Assert.Equal((503, "storage-unavailable"), ProblemHandling.Classify(Outage(kind)));

    [Fact]
    public void A_client_error_of_storage_or_a_cancelled_caller_is_not_an_outage()
    {
        Assert.Equal(500, ProblemHandling.Classify(new RequestFailedException(403, "AuthorizationFailure")).Status);
        Assert.Equal(500, ProblemHandling.Classify(new InvalidOperationException()).Status);
        Assert.False(StorageFaults.IsUnavailable(new TaskCanceledException(), callerCancelled: true));
        Assert.False(StorageFaults.IsUnavailable(new AggregateException(new TaskCanceledException(), new InvalidOperationException())));
    }

    [Fact]
    public void The_request_budget_is_a_few_seconds_and_a_longer_one_is_refused_at_start()
    {
        var defaults = new StorageTimeoutOptions();
        Assert.True(Valid(defaults));
        Assert.True(defaults.RequestBudget <= TimeSpan.FromSeconds(5), $"default request budget {defaults.RequestBudget}");
        Assert.True(defaults.BackgroundNetworkTimeout > defaults.RequestNetworkTimeout);
        Assert.False(Valid(new StorageTimeoutOptions { RequestNetworkTimeout = TimeSpan.FromSeconds(4), RequestMaxRetries = 3 }));
        Assert.False(Valid(new StorageTimeoutOptions { RequestNetworkTimeout = TimeSpan.FromSeconds(30) }));
    }

    [Fact]
    public async Task A_relay_that_accepts_and_says_nothing_fails_the_send_within_the_connect_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true) accepted.Add(await silent.AcceptSocketAsync());
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        });
        var options = new MailOptions { Port = ((IPEndPoint)silent.LocalEndpoint).Port, ConnectTimeout = TimeSpan.FromSeconds(1) };
        var transport = new SmtpMailTransport(new FixedMonitor<MailOptions>(options));
        var message = new MimeMessage([MailboxAddress.Parse("a@test.localhost")], [MailboxAddress.Parse("b@test.localhost")], "x", new TextPart("plain") { Text = "x" });

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() => transport.SendAsync(message));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"failed after {clock.Elapsed.TotalSeconds:0.0} s");
        silent.Stop();
        await accepting;
        foreach (var socket in accepted) socket.Dispose();
    }

    [Fact]
    public void Mail_timeouts_are_configured_and_validated()
    {
        Assert.True(Valid(new MailOptions()));
        Assert.False(Valid(new MailOptions { ConnectTimeout = TimeSpan.FromMinutes(5) }));
        Assert.False(Valid(new MailOptions { SendTimeout = TimeSpan.Zero }));
        Assert.False(Valid(new MailOptions { MaxConcurrentSends = 0 }));
    }

    private static bool Valid(object options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true);

    private sealed class FixedMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
