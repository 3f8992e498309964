using Referrals.Domain.Clients;
using Referrals.Domain.Profiles;
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
        var e2 = new Bilingual(evil, evil);
        var content = new DecisionContent(
            evil, new(evil, e2, evil, e2, true, new ReviewBody(e2, e2, e2, evil, e2)), new(evil, e2), new(evil, evil, ClientLanguage.Fi), 1,
            new DecisionDraft(DecisionKind.Granting, evil, evil, evil, new DateOnly(2026, 1, 1), null, 6, evil, evil, evil)
            {
                PreparerName = evil, PreparerTitle = evil, Content = evil, Extent = evil, Provider = evil, Form = ServiceForm.Group,
            },
            new(evil, evil, evil, evil) { ProvisionFi = evil, ProvisionSv = evil }, new(evil, evil, evil), new DateOnly(2026, 1, 1), new(evil, evil));
        foreach (var language in new[] { ClientLanguage.Fi, ClientLanguage.Sv })
        {
            var html = DecisionDocument.Render(content with { Client = content.Client! with { Language = language } });
            Assert.DoesNotContain("<evil", html);
            Assert.DoesNotContain("onclick=\"", html);
            Assert.Contains("&lt;evil onclick=&quot;x&quot;&gt;", html);
        }
    }

    [Fact]
    public void A_value_that_looks_like_a_template_tag_is_printed_as_text()
    {
        var content = Signed() with { Client = FinnishClient with { FullName = "{{signerName}} {{{body}}} {{#signed}}" } };
        Assert.Equal("{{signerName}} {{{body}}} {{#signed}}", Element(Fi(content), "client-name"));
    }

    [Fact]
    public void Control_characters_are_dropped()
    {
        var content = Signed() with { Client = FinnishClient with { FullName = "Maija\u0000 \u0007Meikäläinen" } };
        Assert.Contains("Maija Meikäläinen", DecisionDocument.Render(content));
    }

    /// <summary>Every change to what the (Finnish) decision shows changes its bytes; what it does not show (the
    /// user ids, the internal codes, the Swedish texts of a Finnish decision) must not appear at all.</summary>
    public static TheoryData<string, Func<DecisionContent, DecisionContent>> Changes => new()
    {
        { "referral id", c => c with { ReferralId = "ref-2026-000124" } },
        { "authority fi", c => c with { Authority = c.Authority with { Name = c.Authority.Name with { Fi = "Itä-Uudenmaan hyvinvointialue" } } } },
        { "authority sv (bilingual)", c => c with { Authority = c.Authority with { Name = c.Authority.Name with { Sv = "Östra Nylands välfärdsområde" } } } },
        { "unilingual", c => c with { Authority = c.Authority with { Bilingual = false } } },
        { "business id", c => c with { Authority = c.Authority with { BusinessId = "3221329-7" } } },
        { "authority address", c => c with { Authority = c.Authority with { PostalAddress = new("PL 1\n01301 Vantaa", "PB 1\n01301 Vanda") } } },
        { "review body name", c => c with { Authority = c.Authority with { ReviewBody = c.Authority.ReviewBody with { Name = new("Jaosto", "Sektionen") } } } },
        { "review addressee", c => c with { Authority = c.Authority with { ReviewBody = c.Authority.ReviewBody with { Addressee = new("jaostolle", "sektionen") } } } },
        { "review address", c => c with { Authority = c.Authority with { ReviewBody = c.Authority.ReviewBody with { PostalAddress = new("PL 1", "PB 1") } } } },
        { "review e-mail", c => c with { Authority = c.Authority with { ReviewBody = c.Authority.ReviewBody with { Email = "k@example.fi" } } } },
        { "office hours", c => c with { Authority = c.Authority with { ReviewBody = c.Authority.ReviewBody with { OfficeHours = new("ma–pe klo 9–15", "mån–fre kl. 9–15") } } } },
        { "unit", c => c with { Unit = c.Unit! with { Name = new("Nuorten sosiaalityö", "Socialt arbete för unga") } } },
        { "no unit", c => c with { Unit = null } },
        { "client name", c => c with { Client = c.Client! with { FullName = "Matti Meikäläinen" } } },
        { "client identity code", c => c with { Client = c.Client! with { IdentityCode = "131052-308T" } } },
        { "client language", c => c with { Client = c.Client! with { Language = ClientLanguage.Sv } } },
        { "no client record", c => c with { Client = null } },
        { "draft version", c => c with { DraftVersion = 4 } },
        { "kind", c => c with { Draft = c.Draft with { Kind = DecisionKind.Refusing } } },
        { "reasons", c => c with { Draft = c.Draft with { Reasons = c.Draft.Reasons + "." } } },
        { "start", c => c with { Draft = c.Draft with { Start = new DateOnly(2026, 3, 3) } } },
        { "end", c => c with { Draft = c.Draft with { End = new DateOnly(2026, 9, 1) } } },
        { "no end", c => c with { Draft = c.Draft with { End = null } } },
        { "until further notice", c => c with { Draft = c.Draft with { End = null, EsyRemeasurementMonth = null, UntilFurtherNotice = true } } },
        { "ESY month", c => c with { Draft = c.Draft with { EsyRemeasurementMonth = 7 } } },
        { "form", c => c with { Draft = c.Draft with { Form = ServiceForm.Individual } } },
        { "content", c => c with { Draft = c.Draft with { Content = "Yksilövalmennus" } } },
        { "extent", c => c with { Draft = c.Draft with { Extent = "kaksi kertaa viikossa" } } },
        { "provider", c => c with { Draft = c.Draft with { Provider = "Vantaan sosiaalinen kuntoutus" } } },
        { "provider kind", c => c with { Draft = c.Draft with { ProviderKind = ProviderKind.Own } } },
        { "contact person", c => c with { Draft = c.Draft with { ContactPerson = "Sosiaaliohjaaja Matti Mallikas" } } },
        { "contact details", c => c with { Draft = c.Draft with { ContactDetails = "p. 09 765 4321" } } },
        { "preparer name", c => c with { Draft = c.Draft with { PreparerName = "Matti Mallikas" } } },
        { "preparer title", c => c with { Draft = c.Draft with { PreparerTitle = "sosiaaliohjaaja" } } },
        { "service name fi", c => c with { Service = c.Service with { NameFi = "Nuorten sosiaalinen kuntoutus" } } },
        { "provision fi", c => c with { Service = c.Service with { ProvisionFi = "2 mom." } } },
        { "citation fi", c => c with { Basis = c.Basis with { CitationFi = "Sosiaalihuoltolaki 17 §" } } },
        { "decision date", c => c with { DecisionDate = new DateOnly(2026, 3, 6) } },
        { "signer name", c => c with { DecisionMaker = c.DecisionMaker! with { Name = "Pekka Pouta" } } },
        { "signer title", c => c with { DecisionMaker = c.DecisionMaker! with { Title = "ryhmänjohtaja" } } },
        { "unsigned", c => c with { DecisionMaker = null } },
    };

    [Fact]
    public void What_the_decision_does_not_show_does_not_change_it()
    {
        var before = DecisionDocument.Sha256Hex(Signed());
        Assert.Equal(before, DecisionDocument.Sha256Hex(Signed() with { Draft = GrantingDraft with { DraftedBy = "worker-18" } }));
        Assert.Equal(before, DecisionDocument.Sha256Hex(Signed() with { Service = Service with { NameSv = "Annat" } }));
    }

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
