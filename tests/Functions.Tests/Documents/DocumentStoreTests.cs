using System.Security.Cryptography;
using System.Text;
using Referrals.Functions.Documents;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Documents;

[Collection(DevServicesCollection.Name)]
public sealed class DocumentStoreTests(DevServices services)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
    private static readonly byte[] Png = Edge.InputTests.Png(1, 1);
    private static readonly byte[] Jpeg = Edge.InputTests.Jpeg(1, 1);

    [Theory]
    [InlineData("pdf", "application/pdf")]
    [InlineData("png", "image/png")]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("text", "text/plain; charset=utf-8")]
    public void The_content_type_comes_from_the_bytes(string kind, string expected)
    {
        var bytes = kind switch { "pdf" => Pdf, "png" => Png, "jpeg" => Jpeg, _ => Encoding.UTF8.GetBytes("Lausunto: äöå ÄÖÅ\r\n") };
        Assert.Equal(expected, ContentSniffer.Detect(bytes));
    }

    [Fact]
    public void Anything_else_is_refused()
    {
        Assert.Null(ContentSniffer.Detect([0x4D, 0x5A, 0x90, 0x00])); // an executable
        Assert.Null(ContentSniffer.Detect([0xC3, 0x28])); // broken UTF-8
        Assert.Null(ContentSniffer.Detect(Encoding.UTF8.GetBytes("<html>\0</html>")));
    }

    [Fact]
    public async Task Attachments_are_stored_listed_and_read_back_with_their_hash()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start, settings: new Dictionary<string, string?> { ["Documents:MaxAttachmentBytes"] = "64" });
        var store = runtime.Documents;
        var id = DevServices.NewReferralId();

        var stored = await store.AddAttachmentAsync(id, "../lausunto ä.pdf", new MemoryStream(Pdf));
        Assert.Equal("application/pdf", stored.ContentType);
        Assert.Equal("lausunto ä.pdf", stored.FileName);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), stored.Sha256Hex);

        var (info, content) = (await store.OpenAttachmentAsync(id, stored.AttachmentId))!.Value;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(Pdf, copy.ToArray());
        Assert.Equal(stored with { StoredAt = info.StoredAt }, info);
        Assert.Equal(stored.AttachmentId, Assert.Single(await store.ListAttachmentsAsync(id)).AttachmentId);
        Assert.Null(await store.OpenAttachmentAsync(id, "missing"));

        var tooLarge = await Assert.ThrowsAsync<DocumentRejectedException>(() => store.AddAttachmentAsync(id, "big.txt", new MemoryStream(new byte[65])));
        Assert.Equal(DocumentRejection.TooLarge, tooLarge.Reason);
        var wrongType = await Assert.ThrowsAsync<DocumentRejectedException>(() => store.AddAttachmentAsync(id, "x.pdf", new MemoryStream([0x4D, 0x5A, 0x90, 0x00])));
        Assert.Equal(DocumentRejection.UnsupportedType, wrongType.Reason);
        var empty = await Assert.ThrowsAsync<DocumentRejectedException>(() => store.AddAttachmentAsync(id, "x.txt", new MemoryStream()));
        Assert.Equal(DocumentRejection.Empty, empty.Reason);
        Assert.Single(await store.ListAttachmentsAsync(id));
    }

    [Fact]
    public async Task An_upload_with_an_id_is_written_once_and_never_overwritten()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var store = runtime.Documents;
        var id = DevServices.NewReferralId();

        var first = await store.AddAttachmentAsync(id, "lausunto.pdf", new MemoryStream(Pdf), "a-retry");
        runtime.Time.Advance(TimeSpan.FromMinutes(1));
        var retried = await store.AddAttachmentAsync(id, "lausunto.pdf", new MemoryStream(Pdf), "a-retry");
        Assert.Equal(first, retried);

        var other = Encoding.UTF8.GetBytes("toinen tiedosto");
        var reused = await Assert.ThrowsAsync<DocumentRejectedException>(() => store.AddAttachmentAsync(id, "muu.txt", new MemoryStream(other), "a-retry"));
        Assert.Equal(DocumentRejection.IdAlreadyUsed, reused.Reason);

        var (_, content) = (await store.OpenAttachmentAsync(id, "a-retry"))!.Value;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(Pdf, copy.ToArray());
        Assert.Single(await store.ListAttachmentsAsync(id));
    }

    [Fact]
    public async Task A_signed_decision_is_written_once_and_never_overwritten()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var store = runtime.Documents;
        var id = DevServices.NewReferralId();
        var document = Encoding.UTF8.GetBytes("<html><body>Päätös</body></html>");
        var hash = Convert.ToHexStringLower(SHA256.HashData(document));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveSignedDecisionAsync(id, 1, document, new string('0', 64)));
        Assert.Null(await store.ReadSignedDecisionAsync(id, 1));

        await store.SaveSignedDecisionAsync(id, 1, document, hash);
        await store.SaveSignedDecisionAsync(id, 1, document, hash); // a retry of the same document is fine
        var other = Encoding.UTF8.GetBytes("<html><body>Toinen</body></html>");
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.SaveSignedDecisionAsync(id, 1, other, Convert.ToHexStringLower(SHA256.HashData(other))));
        Assert.Equal(document, await store.ReadSignedDecisionAsync(id, 1));
    }
}
