using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json;
using Referrals.Domain.Common;
using Referrals.Domain.Tests.Support;
using Referrals.Domain.Referrals;
using Referrals.Functions.Attachments;
using Referrals.Functions.Documents;
using Referrals.Functions.Tests.Api;

namespace Referrals.Functions.Tests.Edge;

/// <summary>What the edge refuses in input: invisible characters in text fields (a 400 naming the field),
/// files that are not what their first bytes say, oversized images, and unsafe file names.</summary>
public sealed class InputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>A structurally valid PNG of the given size (IHDR with its CRC, an empty IDAT, IEND).</summary>
    public static byte[] Png(uint width, uint height, bool badCrc = false)
    {
        var bytes = new List<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        void Chunk(string type, byte[] data, bool corrupt = false)
        {
            var header = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
            bytes.AddRange(header);
            var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            bytes.AddRange(typed);
            var crc = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, ContentSniffer.Crc32(typed) ^ (corrupt ? 1u : 0u));
            bytes.AddRange(crc);
        }
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; ihdr[9] = 2;
        Chunk("IHDR", ihdr, badCrc);
        Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk("IEND", []);
        return [.. bytes];
    }

    /// <summary>A JPEG's marker structure: SOI, APP0, SOF0 with the size, SOS, some data, EOI.</summary>
    public static byte[] Jpeg(ushort width, ushort height, bool withFrame = true)
    {
        var bytes = new List<byte> { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00 };
        if (withFrame)
            bytes.AddRange([0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00]);
        bytes.AddRange([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0xFF, 0xD9]);
        return [.. bytes];
    }

    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public void Files_are_checked_by_their_structure()
    {
        Assert.Equal("application/pdf", ContentSniffer.Detect(Pdf));
        Assert.Equal("image/png", ContentSniffer.Detect(Png(640, 480)));
        Assert.Equal("image/jpeg", ContentSniffer.Detect(Jpeg(640, 480)));

        Assert.Null(ContentSniffer.Detect("%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF"u8)); // HTML disguised as a PDF
        Assert.Null(ContentSniffer.Detect("%PDF-1.4\n<!DOCTYPE html><body>x</body>\n%%EOF\n"u8));
        Assert.Null(ContentSniffer.Detect("%PDF-1.4 test, no trailer at all"u8));
        Assert.Null(ContentSniffer.Detect("%PDF-<html>%%EOF"u8));
        Assert.Null(ContentSniffer.Detect(Png(1, 1, badCrc: true)));
        Assert.Null(ContentSniffer.Detect(Png(0, 10)));
        Assert.Null(ContentSniffer.Detect(Png(100_000, 10))); // past MaxImageDimension
        Assert.Null(ContentSniffer.Detect(Png(20_000, 20_000))); // 400 megapixels: past MaxImagePixels
        Assert.Null(ContentSniffer.Detect(Png(1, 1)[..^12])); // no IEND
        Assert.Null(ContentSniffer.Detect(Jpeg(640, 480)[..^2])); // no EOI
        Assert.Null(ContentSniffer.Detect(Jpeg(0, 480)));
        Assert.Null(ContentSniffer.Detect(Jpeg(1, 1, withFrame: false))); // a scan without a frame header
        Assert.Null(ContentSniffer.Detect(new ContentSniffer.ImageLimits(100, 10_000) is var small ? Png(101, 1) : [], small));
    }

    [Theory]
    [InlineData("C:\\Users\\sosiaali\\lausunto.pdf", "lausunto.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("arvio\u202Efdp.exe", "arviofdp.exe")]
    [InlineData("arvio\u2066x\u2069.pdf", "arviox.pdf")]
    [InlineData("lausunto\u0000\u0007\r\n.pdf", "lausunto.pdf")]
    [InlineData("..", "attachment")]
    [InlineData("Matti 010594Y9021.pdf", "Matti xxxxxx-xxxx.pdf")]
    public void File_names_lose_paths_and_invisible_characters(string given, string stored) =>
        Assert.Equal(stored, AttachmentHandlers.SafeFileName(given));

    private async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Theory]
    [InlineData("reason", "Muutti\u0000", "field.control-characters")]
    [InlineData("reason", "Muutti\u001B[31m", "field.control-characters")]
    [InlineData("reason", "Muutti \u202Eotsikko", "field.bidi-characters")]
    [InlineData("reason", "Muutti \u2067x\u2069", "field.bidi-characters")]
    public async Task Invisible_characters_in_text_are_a_400_naming_the_field(string field, string value, string _)
    {
        var id = factory.Given(History.AwaitingReview);
        var worker = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        using var body = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { [field] = value }), Encoding.UTF8, "application/json");
        var problem = await Problem(await worker.PostAsync($"/api/referrals/{id}/withdrawal", body));
        Assert.EndsWith("/validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.NotEmpty(messages.EnumerateArray());
        Assert.Single(factory.Events(id));
    }

    [Fact]
    public async Task Short_fields_take_no_line_breaks_and_long_text_takes_newlines_and_tabs()
    {
        var id = factory.Given(History.AwaitingReview);
        var worker = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        var submit = new Dictionary<string, object>
        {
            ["unit"] = Actors.Unit, ["profileId"] = Process.SteeringGroup, ["personalIdentityCode"] = "010181-900C", ["fullName"] = "Matti Meikäläinen", ["language"] = "fi", ["address"] = new Dictionary<string, object?> { ["street"] = "Kotikatu 1", ["postalCode"] = "01300", ["postOffice"] = "Vantaa" }, ["serviceTypeCode"] = "group\n",
            ["assessmentSummary"] = "a", ["goals"] = new[] { "g" }, ["requestedStart"] = "2026-04-01",
        };
        using var bad = new StringContent(JsonSerializer.Serialize(submit), Encoding.UTF8, "application/json");
        var problem = await Problem(await worker.PostAsync("/api/referrals", bad));
        Assert.True(problem.GetProperty("errors").TryGetProperty("serviceTypeCode", out _), problem.ToString());

        const string reason = "Asiakas muutti.\r\n\tUusi osoite\non tiedossa.";
        using var good = new StringContent(JsonSerializer.Serialize(new { reason }), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await worker.PostAsync($"/api/referrals/{id}/withdrawal", good)).StatusCode);
        Assert.Equal(reason, Assert.IsType<ReferralWithdrawn>(factory.Events(id)[^1]).Reason);
    }

    [Fact]
    public async Task The_problem_says_what_is_wrong_in_the_callers_language()
    {
        var id = factory.Given(History.AwaitingReview);
        var worker = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{id}/withdrawal")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { reason = "x\u202Ey" }), Encoding.UTF8, "application/json"),
            Headers = { { "Accept-Language", "sv" } },
        };
        var problem = await Problem(await worker.SendAsync(request));
        Assert.Contains("riktning", problem.GetProperty("errors").GetProperty("reason")[0].GetString(), StringComparison.Ordinal);
    }
}
