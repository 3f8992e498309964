using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Referrals.Functions.Mail;

namespace Referrals.Functions.Operations;

/// <summary>The SMTP relay accepts a connection and greets with 220. Nothing is sent.</summary>
internal sealed class SmtpProbe(IOptions<MailOptions> options) : IReachabilityProbe
{
    public string Name => "smtp";

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        var (host, port) = (options.Value.Host, options.Value.Port);
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken);
        await using var stream = client.GetStream();
        var buffer = new byte[512];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        var greeting = Encoding.ASCII.GetString(buffer, 0, read);
        if (greeting.StartsWith("220", StringComparison.Ordinal))
            await stream.WriteAsync("QUIT\r\n"u8.ToArray(), cancellationToken);
        return greeting.StartsWith("220", StringComparison.Ordinal);
    }
}
