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
        var composed = Signed();
        var decomposed = composed with { ClientId = "client-\u0061\u0308" }; // a + combining diaeresis
        Assert.Equal(
            DecisionDocument.Sha256Hex(composed with { ClientId = "client-\u00e4" }),
            DecisionDocument.Sha256Hex(decomposed));
    }

    [Fact]
    public void Every_line_of_the_reasons_is_kept()
    {
        var content = Signed() with { Draft = Signed().Draft with { Reasons = "Ensimmäinen rivi.\nToinen rivi.\n\nUusi kappale." } };
        var (fi, sv) = Sections(DecisionDocument.Render(content));
        foreach (var section in new[] { fi, sv })
        {
            var reasons = Element(section, "reasons");
            Assert.Contains("<p>Ensimmäinen rivi.<br>\nToinen rivi.</p>", reasons);
            Assert.Contains("<p>Uusi kappale.</p>", reasons);
        }
    }

    [Fact]
    public void A_refusing_decision_says_the_service_is_not_granted_and_gives_no_start()
    {
        var refusing = Signed() with { Draft = GrantingDraft with { Kind = DecisionKind.Refusing, Reasons = "Palvelu ei vastaa tarpeeseen." } };
        var (fi, sv) = Sections(DecisionDocument.Render(refusing));
        Assert.Contains("ei myönnetä", Element(fi, "decided"));
        Assert.Contains("beviljas inte", Element(sv, "decided"));
        Assert.DoesNotContain("myönnetään", fi);
        Assert.DoesNotContain("beviljas tjänsten", sv);
        foreach (var section in new[] { fi, sv })
        {
            Assert.Contains(Service.Code, Element(section, "decided"));
            Assert.DoesNotContain("data-element=\"start\"", section);
            Assert.DoesNotContain("data-element=\"esy\"", section);
            Assert.Contains("review-instructions", section); // a refusal is appealable too
        }
        Assert.Contains(Basis.CitationFi, Element(fi, "legal-basis"));
        Assert.Contains(Basis.CitationSv, Element(sv, "legal-basis"));
    }

    [Fact]
    public void A_granting_decision_without_an_end_or_ESY_month_leaves_them_out()
    {
        var open = Signed() with { Draft = GrantingDraft with { End = null, EsyRemeasurementMonth = null } };
        var (fi, sv) = Sections(DecisionDocument.Render(open));
        Assert.Contains("2.3.2026", Element(fi, "start"));
        Assert.DoesNotContain("data-element=\"end\"", fi + sv);
        Assert.DoesNotContain("data-element=\"esy\"", fi + sv);
    }
}
