using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using static Referrals.Domain.Tests.Decisions.DecisionSamples;

namespace Referrals.Domain.Tests.Decisions;

public class DecisionDocumentTests
{
    [Fact]
    public void Rendering_the_same_content_twice_gives_identical_bytes()
    {
        Assert.Equal(DecisionDocument.Bytes(Signed()), DecisionDocument.Bytes(Signed()));
        Assert.Equal(DecisionDocument.Sha256Hex(Signed()), DecisionDocument.Sha256Hex(Signed()));
        Assert.Equal(DecisionDocument.Bytes(Draft()), DecisionDocument.Bytes(Draft()));
    }

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("sv-FI")]
    [InlineData("en-US")]
    [InlineData("ar-SA")]
    [InlineData("th-TH")]
    public void The_current_culture_does_not_change_a_byte(string culture)
    {
        var reference = DecisionDocument.Bytes(Signed());
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.Equal(reference, DecisionDocument.Bytes(Signed()));
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void The_hash_is_the_lower_case_SHA_256_of_the_UTF8_bytes_without_a_byte_order_mark()
    {
        var bytes = DecisionDocument.Bytes(Signed());
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(Encoding.UTF8.GetBytes(DecisionDocument.Render(Signed())), bytes);
        var hash = DecisionDocument.Sha256Hex(Signed());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), hash);
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Theory]
    [InlineData(2026, 3, 5, "5.3.2026")]
    [InlineData(2026, 12, 31, "31.12.2026")]
    [InlineData(2027, 1, 1, "1.1.2027")]
    public void Dates_are_day_month_year_without_leading_zeros(int y, int m, int d, string expected) =>
        Assert.Equal(expected, DecisionDocument.FormatDate(new DateOnly(y, m, d)));

    [Fact]
    public void Line_endings_in_the_content_do_not_change_the_document()
    {
        var lf = Signed();
        var crlf = lf with { Draft = lf.Draft with { Reasons = lf.Draft.Reasons.Replace("\n", "\r\n") } };
        Assert.Equal(DecisionDocument.Sha256Hex(lf), DecisionDocument.Sha256Hex(crlf));
    }

    [Fact]
    public void Composed_and_decomposed_letters_give_the_same_document()
    {
        var composed = Signed() with { Client = FinnishClient with { FullName = "Mikko M\u00e4kinen" } };
        var decomposed = Signed() with { Client = FinnishClient with { FullName = "Mikko Ma\u0308kinen" } }; // a + combining diaeresis
        Assert.Equal(DecisionDocument.Sha256Hex(composed), DecisionDocument.Sha256Hex(decomposed));
    }

    [Fact]
    public void Every_line_of_the_reasons_is_kept()
    {
        var content = Signed() with { Draft = Signed().Draft with { Reasons = "Ensimmäinen rivi.\nToinen rivi.\n\nUusi kappale." } };
        var reasons = Element(Fi(content), "reasons");
        Assert.Contains("<p>Ensimmäinen rivi.<br>\nToinen rivi.</p>", reasons);
        Assert.Contains("<p>Uusi kappale.</p>", reasons);
    }

    [Fact]
    public void A_refusing_decision_says_the_service_is_not_granted_and_gives_no_start()
    {
        var refusing = Signed() with { Draft = GrantingDraft with { Kind = DecisionKind.Refusing, Reasons = "Palvelu ei vastaa tarpeeseen." } };
        var fi = Fi(refusing);
        Assert.Contains("ei myönnetä", Element(fi, "decided"));
        Assert.DoesNotContain("myönnetään", fi);
        Assert.Contains(Service.NameFi, Element(fi, "decided"));
        Assert.DoesNotContain(Service.Code, fi);
        Assert.DoesNotContain("data-element=\"start\"", fi);
        Assert.DoesNotContain("data-element=\"esy\"", fi);
        Assert.DoesNotContain("data-element=\"provider\"", fi);
        Assert.Contains("review-instructions", fi); // a refusal is appealable too
        Assert.Contains(Basis.CitationFi, Element(fi, "legal-basis"));

        var sv = Section(DecisionDocument.Render(refusing with { Client = SwedishClient }), "sv");
        Assert.Contains("beviljas inte", Element(sv, "decided"));
        Assert.DoesNotContain("beviljas tjänsten", sv);
        Assert.Contains(Basis.CitationSv, Element(sv, "legal-basis"));
    }

    [Fact]
    public void A_granting_decision_without_an_end_or_ESY_month_leaves_them_out()
    {
        var open = Signed() with { Draft = GrantingDraft with { End = null, EsyRemeasurementMonth = null } };
        var fi = Fi(open);
        Assert.Contains("2.3.2026", Element(fi, "start"));
        Assert.DoesNotContain("data-element=\"end\"", fi);
        Assert.DoesNotContain("data-element=\"esy\"", fi);
    }

    [Fact]
    public void A_decision_until_further_notice_says_so_and_leaves_the_ESY_month_to_the_client_plan()
    {
        var open = Signed() with { Draft = GrantingDraft with { End = null, EsyRemeasurementMonth = null, UntilFurtherNotice = true } };
        var fi = Fi(open);
        Assert.Equal("Palvelu myönnetään toistaiseksi.", Element(fi, "end"));
        Assert.Contains("asiakassuunnitelmassa", Element(fi, "esy"));
        var sv = Section(DecisionDocument.Render(open with { Client = SwedishClient }), "sv");
        Assert.Equal("Tjänsten beviljas tills vidare.", Element(sv, "end"));
        Assert.Contains("klientplanen", Element(sv, "esy"));
    }
}
