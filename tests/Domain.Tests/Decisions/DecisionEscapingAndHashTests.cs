using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using static Referrals.Domain.Tests.Decisions.DecisionSamples;

namespace Referrals.Domain.Tests.Decisions;

public class DecisionEscapingAndHashTests
{
    [Fact]
    public void A_script_in_the_reasons_is_escaped()
    {
        var content = Signed() with { Draft = GrantingDraft with { Reasons = "Perustelu <script>alert('x')</script> & \"lainaus\"" } };
        var html = DecisionDocument.Render(content);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("Perustelu &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;lainaus&quot;", html);
    }

    [Fact]
    public void Every_value_is_escaped()
    {
        const string evil = "<evil onclick=\"x\">";
        var content = new DecisionContent(
            evil, new(evil, evil) { ReviewBodyFi = evil, ReviewBodySv = evil, ReviewContact = evil }, evil, evil, 1,
            new DecisionDraft(DecisionKind.Granting, evil, evil, evil, new DateOnly(2026, 1, 1), null, 6, evil, evil, evil),
            new(evil, evil, evil, evil), new(evil, evil, evil), new DateOnly(2026, 1, 1), evil);
        var html = DecisionDocument.Render(content);
        Assert.DoesNotContain("<evil", html);
        Assert.DoesNotContain("onclick=\"", html);
        Assert.Contains("&lt;evil onclick=&quot;x&quot;&gt;", html);
    }

    [Fact]
    public void A_value_that_looks_like_a_template_tag_is_printed_as_text()
    {
        var content = Signed() with { ClientId = "{{signedBy}} {{{fi}}} {{#signed}}" };
        var (fi, _) = Sections(DecisionDocument.Render(content));
        Assert.Contains("{{signedBy}} {{{fi}}} {{#signed}}", Element(fi, "parties"));
    }

    [Fact]
    public void Control_characters_are_dropped()
    {
        var content = Signed() with { ClientId = "client\u0000-\u0007x" };
        Assert.Contains("client-x", DecisionDocument.Render(content));
    }

    public static TheoryData<string, Func<DecisionContent, DecisionContent>> Changes => new()
    {
        { "referral id", c => c with { ReferralId = "ref-2026-000124" } },
        { "authority fi", c => c with { Authority = c.Authority with { NameFi = "Itä-Uudenmaan hyvinvointialue" } } },
        { "authority sv", c => c with { Authority = c.Authority with { NameSv = "Östra Nylands välfärdsområde" } } },
        { "review body fi", c => c with { Authority = c.Authority with { ReviewBodyFi = "jaostolle" } } },
        { "review body sv", c => c with { Authority = c.Authority with { ReviewBodySv = "sektionen" } } },
        { "review contact", c => c with { Authority = c.Authority with { ReviewContact = "PL 1" } } },
        { "unit", c => c with { UnitId = "nuorten-sosiaalityo" } },
        { "client", c => c with { ClientId = "client-7f3a9d" } },
        { "draft version", c => c with { DraftVersion = 4 } },
        { "kind", c => c with { Draft = c.Draft with { Kind = DecisionKind.Refusing } } },
        { "reasons", c => c with { Draft = c.Draft with { Reasons = c.Draft.Reasons + "." } } },
        { "start", c => c with { Draft = c.Draft with { Start = new DateOnly(2026, 3, 3) } } },
        { "end", c => c with { Draft = c.Draft with { End = new DateOnly(2026, 9, 1) } } },
        { "no end", c => c with { Draft = c.Draft with { End = null } } },
        { "ESY month", c => c with { Draft = c.Draft with { EsyRemeasurementMonth = 7 } } },
        { "contact person", c => c with { Draft = c.Draft with { ContactPerson = "Sosiaaliohjaaja Matti Mallikas" } } },
        { "contact details", c => c with { Draft = c.Draft with { ContactDetails = "p. 09 765 4321" } } },
        { "drafted by", c => c with { Draft = c.Draft with { DraftedBy = "worker-18" } } },
        { "service code", c => c with { Service = c.Service with { Code = "sr-youth" } } },
        { "service name fi", c => c with { Service = c.Service with { NameFi = "Nuorten sosiaalinen kuntoutus" } } },
        { "service name sv", c => c with { Service = c.Service with { NameSv = "Social rehabilitering för unga" } } },
        { "basis code", c => c with { Basis = c.Basis with { Code = "shl-17-5" } } },
        { "citation fi", c => c with { Basis = c.Basis with { CitationFi = "Sosiaalihuoltolaki 17 §" } } },
        { "citation sv", c => c with { Basis = c.Basis with { CitationSv = "Socialvårdslagen 17 §" } } },
        { "decision date", c => c with { DecisionDate = new DateOnly(2026, 3, 6) } },
        { "signer", c => c with { SignedBy = "Johtava sosiaalityöntekijä Pekka Pouta" } },
        { "unsigned", c => c with { SignedBy = null } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void The_hash_changes_when_any_field_changes(string field, Func<DecisionContent, DecisionContent> change)
    {
        var before = DecisionDocument.Sha256Hex(Signed());
        Assert.True(before != DecisionDocument.Sha256Hex(change(Signed())), $"changing {field} left the hash as it was");
    }

    [Fact]
    public void Every_change_gives_a_different_document()
    {
        var hashes = Changes.Select(row => DecisionDocument.Sha256Hex(((Func<DecisionContent, DecisionContent>)row[1])(Signed())))
            .Append(DecisionDocument.Sha256Hex(Signed()))
            .ToArray();
        Assert.Equal(hashes.Length, hashes.Distinct().Count());
    }
}
