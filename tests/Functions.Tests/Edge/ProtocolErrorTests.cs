using System.Net;
using System.Net.Sockets;
using System.Text;
using Referrals.Domain.Common;
using Referrals.Functions.Tests.Hosts;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Edge;

/// <summary>What the server answers to requests that never reach a handler's logic: bytes in a header
/// that are not UTF-8 (Kestrel's parser), and signing forms the form reader refuses. Every API error is
/// problem+json; on /signing the HTML error page; never a bare status.</summary>
public sealed class ProtocolErrorTests : IDisposable
{
    private readonly LoopbackHost host = new(SharedDevServices.Instance) { Clock = false };
    private readonly Uri baseAddress;

    public ProtocolErrorTests() => baseAddress = host.Start();

    public void Dispose() => host.Dispose();

    /// <summary>Sends raw bytes over loopback and returns the status line, headers and body.</summary>
    private async Task<(int Status, string Head, string Body)> RawAsync(byte[] request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, baseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request);
        using var reader = new MemoryStream();
        var buffer = new byte[8192];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cts.Token)) > 0) reader.Write(buffer, 0, n);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException) { }
        var text = Encoding.UTF8.GetString(reader.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, head, body);
    }

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public async Task A_header_byte_that_is_not_utf8_gets_a_problem_with_a_reason()
    {
        var token = host.Token("u-worker", Role.ReferringWorker, "vantaa-adult-social-work");
        var request = Ascii($"GET /api/referrals HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nConnection: close\r\nX-Note: a")
            .Concat(new byte[] { 0xFF, 0xFE }).Concat(Ascii("b\r\n\r\n")).ToArray();
        var (status, head, body) = await RawAsync(request);
        Assert.Equal(400, status);
        Assert.Contains("application/problem+json", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"header-not-utf8\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_utf8_header_still_passes()
    {
        var token = host.Token("u-worker", Role.ReferringWorker, "vantaa-adult-social-work");
        var request = Ascii($"GET /api/referrals HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nConnection: close\r\nX-Note: ")
            .Concat(Encoding.UTF8.GetBytes("Hyvinvointialue äö")).Concat(Ascii("\r\n\r\n")).ToArray();
        var (status, _, _) = await RawAsync(request);
        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("nul")]
    [InlineData("fields")]
    public async Task A_signing_form_the_page_did_not_send_gets_the_html_error_page(string kind)
    {
        // Twelve bytes of a multipart body that ends in NULs; or more fields than any form of the page has.
        var (type, body) = kind == "nul"
            ? ("multipart/form-data; boundary=b", "--b\r\n\0\0\0\0\0\0\0")
            : ("application/x-www-form-urlencoded", string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=x")));
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = Ascii($"POST /signing/abc HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: {type}\r\nContent-Length: {bytes.Length}\r\n\r\n")
            .Concat(bytes).ToArray();
        var (status, head, html) = await RawAsync(request);
        // A multipart body is not what the page sends (415); more fields than the page has, 400; never 413.
        Assert.Equal(kind == "nul" ? 415 : 400, status);
        Assert.Contains("text/html", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
    }
}
