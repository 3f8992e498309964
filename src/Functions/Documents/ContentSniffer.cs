using System.Buffers.Binary;
using System.Text;

namespace Referrals.Functions.Documents;

/// <summary>The content type of a document from its bytes, never from the name or the client's header:
/// PDF, PNG, JPEG, or plain UTF-8 text; anything else is refused (HTTP 415). Each type is checked by its
/// structure, not only its first bytes: a PDF has its header, an <c>%%EOF</c> trailer and no HTML in it
/// (a "%PDF-" followed by a web page is not a PDF); a PNG has a valid IHDR chunk (CRC checked) and an IEND
/// chunk at the end; a JPEG has a frame header (SOFn) before its scan and ends with EOI; and an image's
/// dimensions, read from that header as a decoder reads them, are within <see cref="ImageLimits"/>.</summary>
internal static class ContentSniffer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The largest image a decoder is asked to open: per side and in pixels (a small file can
    /// declare a huge canvas).</summary>
    public sealed record ImageLimits(int MaxDimension, long MaxPixels)
    {
        public static readonly ImageLimits Default = new(DocumentOptions.DefaultMaxImageDimension, DocumentOptions.DefaultMaxImagePixels);
    }

    public static string? Detect(ReadOnlySpan<byte> bytes) => Detect(bytes, ImageLimits.Default);

    public static string? Detect(ReadOnlySpan<byte> bytes, ImageLimits limits)
    {
        if (bytes.StartsWith("%PDF-"u8)) return IsPdf(bytes) ? "application/pdf" : null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return IsPng(bytes, limits) ? "image/png" : null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return IsJpeg(bytes, limits) ? "image/jpeg" : null;
        return IsText(bytes) ? "text/plain; charset=utf-8" : null;
    }

    private static readonly string[] HtmlMarkers = ["<html", "<!doctype", "<script", "<body", "<iframe", "<svg", "<head", "<meta"];

    /// <summary>"%PDF-1.x" or "%PDF-2.x", an <c>%%EOF</c> in the last 1 KiB, and nothing a browser would take for HTML.</summary>
    public static bool IsPdf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 16 || bytes[5] is not ((byte)'1' or (byte)'2') || bytes[6] != (byte)'.') return false;
        var tail = bytes[Math.Max(0, bytes.Length - 1024)..];
        if (tail.LastIndexOf("%%EOF"u8) < 0) return false;
        // Latin-1 keeps one char per byte, so markers are found wherever they are, in any case.
        var text = Encoding.Latin1.GetString(bytes);
        return !HtmlMarkers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsPng(ReadOnlySpan<byte> bytes, ImageLimits limits)
    {
        // Signature (8), IHDR: length 13, type, 13 bytes of data, CRC; ... ; IEND: length 0, type, CRC.
        if (bytes.Length < 8 + 25 + 12) return false;
        var ihdr = bytes[8..];
        if (BinaryPrimitives.ReadUInt32BigEndian(ihdr) != 13 || !ihdr[4..8].SequenceEqual("IHDR"u8)) return false;
        if (BinaryPrimitives.ReadUInt32BigEndian(ihdr[21..]) != Crc32(ihdr[4..21])) return false;
        var width = BinaryPrimitives.ReadUInt32BigEndian(ihdr[8..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[12..]);
        if (!WithinLimits(width, height, limits)) return false;
        var bitDepth = ihdr[16];
        var colourType = ihdr[17];
        if (bitDepth is not (1 or 2 or 4 or 8 or 16) || colourType is not (0 or 2 or 3 or 4 or 6)) return false;
        return bytes[^12..].SequenceEqual((ReadOnlySpan<byte>)[0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]);
    }

    private static bool IsJpeg(ReadOnlySpan<byte> bytes, ImageLimits limits)
    {
        if (bytes.Length < 4 || bytes[^2] != 0xFF || bytes[^1] != 0xD9) return false;
        var i = 2;
        while (i + 4 <= bytes.Length)
        {
            if (bytes[i] != 0xFF) return false;
            var marker = bytes[i + 1];
            if (marker == 0xFF) { i++; continue; } // fill byte
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { i += 2; continue; } // no length
            if (marker is 0xD9 or 0xDA) return false; // the end or a scan before any frame header
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 2)..]);
            if (length < 2 || i + 2 + length > bytes.Length) return false;
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision, height, width.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (length < 8) return false;
                var height = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 5)..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 7)..]);
                return WithinLimits(width, height, limits);
            }
            i += 2 + length;
        }
        return false;
    }

    private static bool WithinLimits(uint width, uint height, ImageLimits limits) =>
        width > 0 && height > 0 && width <= limits.MaxDimension && height <= limits.MaxDimension && (long)width * height <= limits.MaxPixels;

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>The CRC-32 of PNG chunks (ISO 3309).</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
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
