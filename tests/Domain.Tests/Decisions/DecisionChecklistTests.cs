using System.Text.RegularExpressions;
using Referrals.Domain.Clients;
using Referrals.Domain.Decisions;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Decisions.DecisionSamples;

namespace Referrals.Domain.Tests.Decisions;

/// <summary>The checklist a county lawyer reads a decision against, element by element, for every decision
/// kind in Finnish and in Swedish, rendered from the SHIPPED configuration: hallintolaki (434/2003) § 44
/// (authority, date, parties, what was decided, who gives more information), § 45 (reasons and the
/// provisions applied), § 47 (review instructions) and § 49 c (30 days from notification, how notification
/// is deemed).</summary>
public class HL_44_45_47_49c_DecisionChecklistTests
{
    private static readonly ProcessConfiguration Config = DefaultProcessConfiguration.Load();

    /// <summary>One decision to check: the kind, the profile, the service, and the language of the client.</summary>
    public sealed record Case(string Name, DecisionKind Kind, string Profile, string Unit, string Service, ClientLanguage Language,
        bool UntilFurtherNotice = false, string? RedirectedTo = null);

    public static TheoryData<Case> Cases()
    {
        var data = new TheoryData<Case>();
        foreach (var language in new[] { ClientLanguage.Fi, ClientLanguage.Sv })
        {
            data.Add(new("granting", DecisionKind.Granting, Process.SteeringGroup, Actors.Unit, "sr-everyday-coaching", language));
            data.Add(new("refusing", DecisionKind.Refusing, Process.SteeringGroup, Actors.Unit, "sr-everyday-coaching", language));
            data.Add(new("granting work activity (old act)", DecisionKind.Granting, Process.SteeringGroup, Actors.Unit, "work-activity", language));
            data.Add(new("granting until further notice (Espoo)", DecisionKind.Granting, Process.Espoo, "espoo-social-rehabilitation",
                "sr-group-activity", language, UntilFurtherNotice: true));
            data.Add(new("refusing (Espoo)", DecisionKind.Refusing, Process.Espoo, "espoo-social-rehabilitation", "sr-group-activity", language));
            data.Add(new("redirect-refusal", DecisionKind.Refusing, Process.SteeringGroup, Actors.Unit, "sr-everyday-coaching", language,
                RedirectedTo: language == ClientLanguage.Sv ? "Arbetslivstjänster" : "Työllisyyspalvelut"));
        }
        return data;
    }

    /// <summary>What a worker writes, in the client's language.</summary>
    private static (string Reasons, string Content, string Extent, string Contact) WorkerTexts(ClientLanguage language) => language == ClientLanguage.Sv
        ? ("Klientens sociala funktionsförmåga har försämrats.", "Handledning i vardagliga sysslor", "en gång i veckan, tre timmar", "Socialarbetare Anna Berg")
        : ("Asiakkaan sosiaalinen toimintakyky on heikentynyt.", "Arjen taitojen valmennus", "kerran viikossa, kolme tuntia", "Sosiaalityöntekijä Anna Berg");

    private static DecisionContent Render(Case c)
    {
        var texts = WorkerTexts(c.Language);
        var service = Config.Catalogue.Find(c.Service)!;
        var granting = c.Kind == DecisionKind.Granting;
        var draft = new DecisionDraft(c.Kind, service.Code, service.LegalBasisCode, texts.Reasons,
            granting ? new DateOnly(2026, 3, 2) : null,
            granting && !c.UntilFurtherNotice ? new DateOnly(2026, 8, 31) : null,
            granting && !c.UntilFurtherNotice ? 6 : null,
            texts.Contact, "p. 09 123 4567", "worker-17")
        {
            PreparerName = "Anna Berg",
            PreparerTitle = c.Language == ClientLanguage.Sv ? "socialarbetare" : "sosiaalityöntekijä",
            Form = granting ? ServiceForm.Individual : null,
            Content = granting ? texts.Content : null,
            Extent = granting ? texts.Extent : null,
            Provider = granting ? "Kuntoutus Oy" : null,
            ProviderKind = granting ? ProviderKind.Purchased : null,
            UntilFurtherNotice = c.UntilFurtherNotice,
            RedirectedTo = c.RedirectedTo,
        };
        var state = ReferralState.Initial with { Id = "ref-2026-000123", ProfileId = c.Profile, Unit = c.Unit, ClientId = "client-7f3a9c" };
        var client = new DecisionClient(c.Language == ClientLanguage.Sv ? "Sara Lindqvist" : "Maija Meikäläinen", "131052-308T", c.Language);
        return DecisionContents.Build(Config, state, client, 2, draft, new DateOnly(2026, 3, 5),
            new Official("Liisa Virtanen", c.Language == ClientLanguage.Sv ? "ledande socialarbetare" : "johtava sosiaalityöntekijä"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_element_the_law_asks_for_is_there_in_the_client_language(Case c)
    {
        var content = Render(c);
        var sv = c.Language == ClientLanguage.Sv;
        var lang = sv ? "sv" : "fi";
        var html = DecisionDocument.Render(content);
        var doc = Section(html, lang);
        var authority = Config.AuthorityOf(c.Profile)!;
        var service = Config.Catalogue.Find(c.Service)!;
        var granting = c.Kind == DecisionKind.Granting;

        // § 44: the authority (both names where the county is bilingual, the client's language first) and its business id.
        var authorityText = Element(doc, "authority");
        Assert.Contains(authority.Name.In(lang), authorityText);
        if (authority.Bilingual)
            Assert.True(authorityText.IndexOf(authority.Name.In(lang), StringComparison.Ordinal) < authorityText.IndexOf(authority.Name.In(sv ? "fi" : "sv"), StringComparison.Ordinal));
        Assert.Contains(authority.BusinessId, authorityText);
        // the unit by name, the date
        Assert.Equal(Config.Unit(c.Unit)!.Name.In(lang), Element(doc, "unit"));
        Assert.Equal((sv ? "Beslutsdatum" : "Päätöspäivä") + " 5.3.2026", Element(doc, "date"));
        // the parties: name and identity code
        Assert.Equal(content.Client!.FullName, Element(doc, "client-name"));
        Assert.Equal("131052-308T", Element(doc, "client-identity-code"));
        // the matter
        Assert.Contains(sv ? service.NameSv : service.NameFi, Element(doc, "matter"));
        // exactly what was decided
        var decided = Element(doc, "decided");
        Assert.Contains(sv ? service.NameSv : service.NameFi, decided);
        if (granting)
        {
            Assert.Contains(sv ? "beviljas tjänsten" : "myönnetään palvelu", decided);
            Assert.Equal(sv ? "individuell tjänst" : "yksilöllinen palvelu", Element(doc, "form"));
            Assert.Equal(WorkerTexts(c.Language).Content, Element(doc, "content"));
            Assert.Equal(WorkerTexts(c.Language).Extent, Element(doc, "extent"));
            Assert.Equal("2.3.2026", Element(doc, "start"));
            Assert.Equal(c.UntilFurtherNotice ? (sv ? "Tjänsten beviljas tills vidare." : "Palvelu myönnetään toistaiseksi.") : "31.8.2026", Element(doc, "end"));
            Assert.Contains(c.UntilFurtherNotice ? (sv ? "klientplanen" : "asiakassuunnitelmassa") : "(9/2026)", Element(doc, "esy"));
            Assert.Equal("Kuntoutus Oy " + (sv ? "(köpt tjänst)" : "(ostopalvelu)"), Element(doc, "provider"));
            Assert.Equal(sv ? "Tjänsten är avgiftsfri för klienten." : "Palvelu on asiakkaalle maksuton.", Element(doc, "fee"));
        }
        else
        {
            Assert.Contains(sv ? "beviljas inte" : "ei myönnetä", decided);
            foreach (var absent in new[] { "start", "end", "esy", "provider", "fee" })
                Assert.DoesNotContain($"data-element=\"{absent}\"", doc);
            // a redirect: guidance to the other service
            if (c.RedirectedTo is { } to)
                Assert.Contains((sv ? "Klienten hänvisas att söka det stöd hen behöver i en annan tjänst: " : "Asiakasta ohjataan hakemaan tarvitsemaansa tukea toisesta palvelusta: ") + to + ".",
                    Element(doc, "guidance"));
            else Assert.DoesNotContain("data-element=\"guidance\"", doc);
        }
        // § 45: the reasons and the provisions applied, with the point and the right act
        Assert.Contains(WorkerTexts(c.Language).Reasons, Element(doc, "reasons"));
        var basis = Element(doc, "legal-basis");
        var expectedCitation = c.Service switch
        {
            "sr-everyday-coaching" => sv ? "Socialvårdslagen (1301/2014) 17 § 1 mom. 3 punkten" : "Sosiaalihuoltolaki (1301/2014) 17 § 1 mom. 3 kohta",
            "sr-group-activity" => sv ? "Socialvårdslagen (1301/2014) 17 § 1 mom. 4 punkten" : "Sosiaalihuoltolaki (1301/2014) 17 § 1 mom. 4 kohta",
            "work-activity" => sv ? "Socialvårdslagen (710/1982) 27 e §" : "Sosiaalihuoltolaki (710/1982) 27 e §",
            _ => throw new InvalidOperationException(c.Service),
        };
        Assert.Contains(expectedCitation, basis);
        if (c.Service == "work-activity") Assert.DoesNotContain("1301/2014) 27", basis);
        // who gives more information; the decision-maker and the preparer by name and title
        Assert.Contains(WorkerTexts(c.Language).Contact, Element(doc, "contact"));
        Assert.Equal("Liisa Virtanen<br>\n" + (sv ? "ledande socialarbetare" : "johtava sosiaalityöntekijä"), Element(doc, "signer"));
        Assert.Equal("Anna Berg<br>\n" + (sv ? "socialarbetare" : "sosiaalityöntekijä"), Element(doc, "drafted-by"));

        // § 47: review instructions, granting and refusing alike: the body in the case the sentence needs, its address and hours
        var body = authority.ReviewBody;
        Assert.Equal((sv ? "Begäran om omprövning riktas till " : "Oikaisuvaatimus tehdään ") + body.Addressee.In(lang) + ".", Element(doc, "review-to"));
        var reviewContact = Element(doc, "review-contact");
        Assert.Contains(body.Name.In(lang), reviewContact);
        Assert.Contains(body.PostalAddress.In(lang).Replace("\n", "<br>\n", StringComparison.Ordinal), reviewContact);
        Assert.Contains(body.Email, reviewContact);
        Assert.Contains(body.OfficeHours.In(lang), reviewContact);
        // § 49 c: 30 days from notification; how notification is deemed; what the request contains; when it must arrive
        Assert.Contains(sv ? "inom 30 dagar från delfåendet" : "30 päivän kuluessa päätöksen tiedoksisaannista", Element(doc, "review-period"));
        var notification = Element(doc, "notification");
        Assert.Contains(sv ? "sjunde dagen efter att brevet sändes" : "seitsemäntenä päivänä kirjeen lähettämisestä", notification);
        Assert.Contains(sv ? "förvaltningslagen 59 §" : "hallintolaki 59 §", notification);
        Assert.Contains(sv ? "tredje dagen efter att meddelandet sändes" : "kolmantena päivänä viestin lähettämisestä", notification);
        Assert.Contains("13/2003, 19 §", notification);
        Assert.Contains(sv ? "på vilka grunder" : "millä perusteilla", Element(doc, "review-how"));
        Assert.Contains(sv ? "innan registraturens öppettid går ut" : "ennen kirjaamon aukioloajan päättymistä", Element(doc, "review-arrival"));

        // No internal code anywhere in what the client reads.
        var text = Regex.Replace(html, "<[^>]*>", " ");
        foreach (var code in new[] { "sr-", "SHL-", "L189", c.Unit, c.Profile, authority.Id, "worker-17", "client-7f3a9c", "Granting", "Refusing", "Purchased" })
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
    }

    /// <summary>Finnish words every Finnish decision uses; none of them may be in a Swedish one (outside the
    /// authority's own Finnish name, printed beside the Swedish one in a bilingual county).</summary>
    private static readonly string[] FinnishMarkers =
    [
        "Päätös", "päätös", "myönn", "Oikaisuvaatimus", "tehdään", "kuluessa", "Perustelut", "Lisätietoja", "Asiakas", "asiakkaalle",
        "kohta", "Sosiaalihuoltolaki", "Hallintolaki", "hallintolaki", "toistaiseksi", "maksuton", "ostopalvelu", "Kirjaamo", "Valmistelija",
        "Palvelu", "palvelu", "LUONNOS", "Henkilötunnus", " ja ", " tai ",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_Swedish_decision_has_no_Finnish_sentence_and_a_Finnish_one_no_Swedish(Case c)
    {
        var html = DecisionDocument.Render(Render(c));
        var sv = c.Language == ClientLanguage.Sv;
        var doc = Section(html, sv ? "sv" : "fi");
        var authority = Config.AuthorityOf(c.Profile)!;
        var withoutAuthority = doc.Replace(Element(doc, "authority"), "", StringComparison.Ordinal);
        var text = Regex.Replace(withoutAuthority, "<[^>]*>", " ");
        if (sv)
            foreach (var word in FinnishMarkers) Assert.DoesNotContain(word, text, StringComparison.Ordinal);
        else
            foreach (var word in new[] { "Beslut", "beviljas", "omprövning", "Motivering", "Klient", "punkten", "Socialvårdslagen", "avgiftsfri", " och ", " eller " })
                Assert.DoesNotContain(word, text, StringComparison.Ordinal);
        Assert.DoesNotContain(authority.Name.In(sv ? "fi" : "sv"), withoutAuthority, StringComparison.Ordinal);
    }
}
