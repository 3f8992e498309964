using Referrals.Domain.Decisions;
using static Referrals.Domain.Tests.Decisions.DecisionSamples;

namespace Referrals.Domain.Tests.Decisions;

/// <summary>hallintolaki § 44: the authority and date, the parties, the reasons, what exactly was
/// decided, the contact person; and the instructions for requesting review, in both languages.</summary>
public class DecisionContentTests
{
    private readonly (string Fi, string Sv) signed = Sections(DecisionDocument.Render(Signed()));

    [Fact]
    public void The_authority_and_the_date()
    {
        Assert.Equal(Authority.NameFi, Element(signed.Fi, "authority"));
        Assert.Equal(Authority.NameSv, Element(signed.Sv, "authority"));
        Assert.Equal("Päätöspäivä 5.3.2026", Element(signed.Fi, "date"));
        Assert.Equal("Beslutsdatum 5.3.2026", Element(signed.Sv, "date"));
        Assert.Contains("ref-2026-000123", Element(signed.Fi, "case"));
        Assert.Contains("ref-2026-000123", Element(signed.Sv, "case"));
    }

    [Fact]
    public void The_parties_the_client_by_opaque_id_and_the_referring_unit()
    {
        foreach (var section in new[] { signed.Fi, signed.Sv })
        {
            var parties = Element(section, "parties");
            Assert.Contains("client-7f3a9c", parties);
            Assert.Contains("aikuissosiaalityo-tikkurila", parties);
        }
        Assert.Contains("Asiakas", Element(signed.Fi, "parties"));
        Assert.Contains("Klient", Element(signed.Sv, "parties"));
    }

    [Fact]
    public void Exactly_what_was_decided_with_the_legal_basis_start_end_and_ESY_month()
    {
        Assert.Contains("myönnetään", Element(signed.Fi, "decided"));
        Assert.Contains(Service.NameFi, Element(signed.Fi, "decided"));
        Assert.Contains("beviljas", Element(signed.Sv, "decided"));
        Assert.Contains(Service.NameSv, Element(signed.Sv, "decided"));
        Assert.Equal($"{Basis.CitationFi} ({Basis.Code})", Element(signed.Fi, "legal-basis"));
        Assert.Equal($"{Basis.CitationSv} ({Basis.Code})", Element(signed.Sv, "legal-basis"));
        foreach (var section in new[] { signed.Fi, signed.Sv })
        {
            Assert.Equal("2.3.2026", Element(section, "start"));
            Assert.Equal("31.8.2026", Element(section, "end"));
            Assert.Contains("6", Element(section, "esy"));
            Assert.Contains("(9/2026)", Element(section, "esy")); // six months after 2.3.2026
        }
        Assert.Contains("kuukauden", Element(signed.Fi, "esy"));
        Assert.Contains("månader", Element(signed.Sv, "esy"));
    }

    [Fact]
    public void The_reasons()
    {
        foreach (var section in new[] { signed.Fi, signed.Sv })
        {
            Assert.Contains("Asiakkaan sosiaalinen toimintakyky on heikentynyt.", Element(section, "reasons"));
            Assert.Contains("Ryhmätoiminta tukee arjen hallintaa.", Element(section, "reasons"));
        }
    }

    [Fact]
    public void The_contact_person_and_details_and_the_signer()
    {
        foreach (var section in new[] { signed.Fi, signed.Sv })
        {
            var contact = Element(section, "contact");
            Assert.Contains("Sosiaalityöntekijä Maija Meikäläinen", contact);
            Assert.Contains("p. 09 123 4567<br>\nmaija.meikalainen@example.fi", contact);
            Assert.Equal("Johtava sosiaalityöntekijä Liisa Virtanen", Element(section, "signer"));
            Assert.Contains("worker-17", Element(section, "drafted-by"));
        }
    }

    [Fact]
    public void The_instructions_for_requesting_review_within_30_days()
    {
        Assert.Contains("30 päivän kuluessa päätöksen tiedoksisaannista", Element(signed.Fi, "review-period"));
        Assert.Contains("30 dagar från delfåendet", Element(signed.Sv, "review-period"));
        Assert.Contains("seitsemäntenä päivänä", Element(signed.Fi, "notification"));
        Assert.Contains("sjunde dagen", Element(signed.Sv, "notification"));
        Assert.Contains("hyvinvointialueen yksilöasioista päättävälle toimielimelle", Element(signed.Fi, "review-to"));
        Assert.Contains("välfärdsområdets organ som beslutar i individärenden", Element(signed.Sv, "review-to"));
        Assert.Contains("kirjallisesti", Element(signed.Fi, "review-how"));
        Assert.Contains("skriftligt", Element(signed.Sv, "review-how"));
        Assert.Contains("Oikaisuvaatimusohje", signed.Fi);
        Assert.Contains("Anvisning för begäran om omprövning", signed.Sv);
    }

    [Fact]
    public void The_review_body_and_its_contact_details_come_from_the_authority_when_configured()
    {
        var authority = Authority with
        {
            ReviewBodyFi = "yksilöasioiden jaostolle",
            ReviewBodySv = "sektionen för individärenden",
            ReviewContact = "Kirjaamo / Registratur\nPL 123, 01301 Vantaa\nkirjaamo@example.fi",
        };
        var (fi, sv) = Sections(DecisionDocument.Render(Signed() with { Authority = authority }));
        Assert.Contains("tehdään yksilöasioiden jaostolle", Element(fi, "review-to"));
        Assert.Contains("riktas till sektionen för individärenden", Element(sv, "review-to"));
        Assert.DoesNotContain("yksilöasioista päättävälle", fi);
        foreach (var section in new[] { fi, sv })
            Assert.Equal("Kirjaamo / Registratur<br>\nPL 123, 01301 Vantaa<br>\nkirjaamo@example.fi", Element(section, "review-contact"));
        Assert.DoesNotContain("review-contact", string.Concat(signed.Fi, signed.Sv));
    }

    [Fact]
    public void A_draft_says_so_with_its_version_and_has_no_date_or_signer()
    {
        var html = DecisionDocument.Render(Draft(version: 3));
        Assert.Contains("LUONNOS / UTKAST – 3", html);
        var (fi, sv) = Sections(html);
        Assert.Contains("LUONNOS, versio 3", Element(fi, "date"));
        Assert.Contains("UTKAST, version 3", Element(sv, "date"));
        Assert.DoesNotContain("Päätöspäivä", fi);
        Assert.DoesNotContain("Beslutsdatum", sv);
        Assert.Equal("Päätöstä ei ole vielä allekirjoitettu.", Element(fi, "signer"));
        Assert.Equal("Beslutet har ännu inte undertecknats.", Element(sv, "signer"));
        Assert.False(Draft().IsSigned);
    }

    [Fact]
    public void A_signed_decision_carries_no_draft_marking()
    {
        var html = DecisionDocument.Render(Signed());
        Assert.DoesNotContain("LUONNOS", html);
        Assert.DoesNotContain("UTKAST", html);
        Assert.True(Signed().IsSigned);
    }

    [Fact]
    public void A_date_without_a_signer_is_still_a_draft()
    {
        var half = Draft() with { DecisionDate = new DateOnly(2026, 3, 5) };
        Assert.False(half.IsSigned);
        Assert.Contains("LUONNOS / UTKAST", DecisionDocument.Render(half));
    }

    [Fact]
    public void Each_language_section_has_every_element()
    {
        string[] elements =
        [
            "authority", "date", "case", "parties", "decided", "legal-basis", "start", "end", "esy", "reasons",
            "contact", "signer", "drafted-by", "review-instructions", "review-to", "review-period", "notification", "review-how",
        ];
        foreach (var content in new[] { Signed(), Draft() })
        {
            var (fi, sv) = Sections(DecisionDocument.Render(content));
            foreach (var name in elements)
            {
                Assert.Contains($"data-element=\"{name}\"", fi);
                Assert.Contains($"data-element=\"{name}\"", sv);
            }
        }
    }
}
