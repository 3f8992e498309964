using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Referrals.Functions.Health;

/// <summary>The SMTP relay accepts a connection and greets with 220. Nothing is sent.</summary>
public sealed class SmtpProbe(IConfiguration configuration) : IReachabilityProbe
{
    public string Name => "smtp";

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        var host = configuration["Mail:Smtp:Host"] ?? configuration["Mail:Host"] ?? "127.0.0.1";
        var port = int.TryParse(configuration["Mail:Smtp:Port"] ?? configuration["Mail:Port"], out var p) ? p : 25;
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
