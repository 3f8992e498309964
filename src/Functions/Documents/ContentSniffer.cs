using System.Text;

namespace Referrals.Functions.Documents;

/// <summary>The content type of a document from its bytes, never from the name or the client's header:
/// PDF, PNG, JPEG, or plain UTF-8 text. Anything else is refused (HTTP 415).</summary>
public static class ContentSniffer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("%PDF-"u8)) return "application/pdf";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        return IsText(bytes) ? "text/plain; charset=utf-8" : null;
    }

    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes);
            foreach (var c in text)
            {
                if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')) return false;
            }
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
