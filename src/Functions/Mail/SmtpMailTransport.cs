using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Referrals.Functions.Mail;

/// <summary>SMTP over MailKit: a connection per message (mail is rare; simplicity wins). Connecting
/// (greeting, TLS, sign-in) is bounded by <see cref="MailOptions.ConnectTimeout"/> and the send by
/// <see cref="MailOptions.SendTimeout"/>, so a relay that accepts connections and then says nothing
/// fails the attempt in seconds (the courier retries it later) instead of holding the courier.</summary>
internal sealed class SmtpMailTransport(IOptionsMonitor<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        using var client = new SmtpClient { Timeout = (int)settings.SendTimeout.TotalMilliseconds };
        var security = settings.Security switch
        {
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            MailSecurity.Auto => SecureSocketOptions.StartTlsWhenAvailable,
            _ => SecureSocketOptions.None,
        };
        using (var connecting = Within(settings.ConnectTimeout, cancellationToken))
        {
            try
            {
                await client.ConnectAsync(settings.Host, settings.Port, security, connecting.Token);
                if (!string.IsNullOrEmpty(settings.UserName))
                {
                    await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", connecting.Token);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The SMTP relay {settings.Host}:{settings.Port} did not answer within {settings.ConnectTimeout.TotalSeconds:0.#} s.");
            }
        }
        using (var sending = Within(settings.SendTimeout, cancellationToken))
        {
            try
            {
                await client.SendAsync(message, sending.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The SMTP relay {settings.Host}:{settings.Port} did not take the message within {settings.SendTimeout.TotalSeconds:0.#} s.");
            }
        }
        // The relay has taken the message: a QUIT that fails must not make it look unsent (it would be sent twice).
        try
        {
            using var quitting = Within(settings.ConnectTimeout, cancellationToken);
            await client.DisconnectAsync(quit: true, quitting.Token);
        }
        catch (Exception quit) when (quit is IOException or OperationCanceledException or MailKit.ProtocolException or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static CancellationTokenSource Within(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(timeout);
        return source;
    }
}
