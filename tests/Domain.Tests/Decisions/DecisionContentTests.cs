using Referrals.Domain.Decisions;
using static Referrals.Domain.Tests.Decisions.DecisionSamples;

namespace Referrals.Domain.Tests.Decisions;

/// <summary>hallintolaki § 44: the authority and date, the parties, the reasons, what exactly was
/// decided, the contact person; and the instructions for requesting review, in the client's language.
/// (The full element-by-element checklist per kind and language is <see cref="DecisionChecklistTests"/>.)</summary>
public class DecisionContentTests
{
    private readonly string signed = Fi(Signed());

    [Fact]
    public void The_authority_in_both_languages_when_bilingual_and_the_date()
    {
        Assert.Contains(Authority.Name.Fi, Element(signed, "authority"));
        Assert.Contains(Authority.Name.Sv, Element(signed, "authority"));
        Assert.Contains("Y-tunnus 3221350-2", Element(signed, "authority"));
        Assert.Equal("Päätöspäivä 5.3.2026", Element(signed, "date"));
        Assert.Contains("ref-2026-000123", Element(signed, "case"));
    }

    [Fact]
    public void A_unilingual_authority_is_named_in_the_language_of_the_decision_only()
    {
        var fi = Fi(Signed() with { Authority = Authority with { Bilingual = false } });
        Assert.Contains(Authority.Name.Fi, Element(fi, "authority"));
        Assert.DoesNotContain(Authority.Name.Sv, fi);
    }

    [Fact]
    public void The_parties_the_client_by_name_and_identity_code_and_the_unit_by_name()
    {
        Assert.Equal("Maija Meikäläinen", Element(signed, "client-name"));
        Assert.Equal("010594Y9021", Element(signed, "client-identity-code"));
        Assert.Equal(Unit.Name.Fi, Element(signed, "unit"));
        Assert.DoesNotContain(Unit.Id, signed);
    }

    [Fact]
    public void Without_a_client_record_the_decision_says_the_party_is_missing_instead_of_failing()
    {
        var fi = Fi(Signed() with { Client = null });
        Assert.Contains("Asiakkaan tietoja ei löydy", Element(fi, "client-missing"));
        Assert.DoesNotContain("data-element=\"client-name\"", fi);
    }

    [Fact]
    public void A_unit_the_configuration_does_not_name_is_not_shown_by_its_id()
    {
        var fi = Fi(Signed() with { Unit = null });
        Assert.Equal("Yksikön nimeä ei ole määritetty.", Element(fi, "unit"));
        Assert.DoesNotContain(Unit.Id, fi);
    }

    [Fact]
    public void Exactly_what_was_decided_with_the_legal_basis_start_end_and_ESY_month()
    {
        Assert.Contains("myönnetään", Element(signed, "decided"));
        Assert.Contains(Service.NameFi, Element(signed, "decided"));
        Assert.Contains("Sosiaalihuoltolaki (1301/2014) 17 § 1 mom. 4 kohta", Element(signed, "legal-basis"));
        Assert.Equal("2.3.2026", Element(signed, "start"));
        Assert.Equal("31.8.2026", Element(signed, "end"));
        Assert.Contains("6 kuukauden", Element(signed, "esy"));
        Assert.Contains("(9/2026)", Element(signed, "esy")); // six months after 2.3.2026
        Assert.Equal("ryhmätoiminta", Element(signed, "form"));
        Assert.Equal("Viikoittainen ryhmä arjen taidoista", Element(signed, "content"));
        Assert.Equal("kerran viikossa, 3 tuntia", Element(signed, "extent"));
        Assert.Equal("Kuntoutuskeskus Oy (ostopalvelu)", Element(signed, "provider"));
        Assert.Equal("Palvelu on asiakkaalle maksuton.", Element(signed, "fee"));
    }

    [Fact]
    public void The_reasons()
    {
        Assert.Contains("Asiakkaan sosiaalinen toimintakyky on heikentynyt.", Element(signed, "reasons"));
        Assert.Contains("Ryhmätoiminta tukee arjen hallintaa.", Element(signed, "reasons"));
    }

    [Fact]
    public void The_contact_person_and_details_the_decision_maker_and_the_preparer_by_name_and_title()
    {
        var contact = Element(signed, "contact");
        Assert.Contains("Sosiaalityöntekijä Maija Meikäläinen", contact);
        Assert.Contains("p. 09 123 4567<br>\nmaija.meikalainen@example.fi", contact);
        Assert.Equal("Liisa Virtanen<br>\njohtava sosiaalityöntekijä", Element(signed, "signer"));
        Assert.Equal("Maija Meikäläinen<br>\nsosiaalityöntekijä", Element(signed, "drafted-by"));
        Assert.DoesNotContain("worker-17", signed);
    }

    [Fact]
    public void Names_not_recorded_are_said_to_be_missing_never_replaced_by_a_user_id()
    {
        var old = Signed() with
        {
            DecisionMaker = new Official(null, null),
            Draft = GrantingDraft with { PreparerName = null, PreparerTitle = null },
        };
        var fi = Fi(old);
        Assert.Equal("Päätöksentekijän nimeä ei ole kirjattu.", Element(fi, "signer"));
        Assert.Equal("Valmistelijan nimeä ei ole kirjattu.", Element(fi, "drafted-by"));
        Assert.DoesNotContain("worker-17", fi);
    }

    [Fact]
    public void The_instructions_for_requesting_review_name_the_body_in_the_right_case_with_its_address()
    {
        Assert.Contains("30 päivän kuluessa päätöksen tiedoksisaannista", Element(signed, "review-period"));
        Assert.Contains("seitsemäntenä päivänä", Element(signed, "notification"));
        Assert.Equal("Oikaisuvaatimus tehdään Vantaan ja Keravan hyvinvointialueen yksilöasioiden jaostolle.", Element(signed, "review-to"));
        var contact = Element(signed, "review-contact");
        Assert.Contains("Kirjaamo<br>\nPL 123<br>\n01301 Vantaa", contact);
        Assert.Contains("kirjaamo@example.fi", contact);
        Assert.Contains("maanantaista perjantaihin klo 8.00–15.45", contact);
        Assert.Contains("kirjallisesti", Element(signed, "review-how"));
        Assert.Contains("Oikaisuvaatimusohje", signed);
    }

    [Fact]
    public void A_draft_says_so_with_its_version_and_has_no_date_or_signer()
    {
        var html = DecisionDocument.Render(Draft(version: 3));
        Assert.Contains("LUONNOS – versio 3", html);
        var fi = Section(html, "fi");
        Assert.Contains("LUONNOS, versio 3", Element(fi, "date"));
        Assert.DoesNotContain("Päätöspäivä", fi);
        Assert.Equal("Päätöstä ei ole vielä allekirjoitettu.", Element(fi, "signer"));
        Assert.False(Draft().IsSigned);

        var sv = DecisionDocument.Render(Draft(version: 3) with { Client = SwedishClient });
        Assert.Contains("UTKAST – version 3", sv);
        Assert.DoesNotContain("LUONNOS", sv);
        Assert.Contains("UTKAST, version 3", Element(Section(sv, "sv"), "date"));
        Assert.Equal("Beslutet har ännu inte undertecknats.", Element(Section(sv, "sv"), "signer"));
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
        Assert.Contains("LUONNOS – versio", DecisionDocument.Render(half));
    }

    [Fact]
    public void The_page_is_in_the_client_language()
    {
        Assert.Contains("<html lang=\"fi\">", DecisionDocument.Render(Signed()));
        Assert.Contains("<html lang=\"sv\">", DecisionDocument.Render(Signed() with { Client = SwedishClient }));
    }
}
