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
/// is deemed). Later decisions too: ending (lopettamispäätös), continuation (jatkopäätös) and change
/// (muutospäätös) decisions on the service granted on 15 January 2026, and the new version of a refusal that
/// the review body changed on review on 20 February 2026.</summary>
public class HL_44_45_47_49c_DecisionChecklistTests
{
    private static readonly ProcessConfiguration Config = DefaultProcessConfiguration.Load();

    /// <summary>One decision to check: the kind, the profile, the service, and the language of the client.</summary>
    public sealed record Case(string Name, DecisionKind Kind, string Profile, string Unit, string Service, ClientLanguage Language,
        bool UntilFurtherNotice = false, string? RedirectedTo = null, bool ChangedOnReview = false);

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
            data.Add(new("ending", DecisionKind.Ending, Process.SteeringGroup, Actors.Unit, "sr-everyday-coaching", language));
            data.Add(new("continuation", DecisionKind.Continuation, Process.SteeringGroup, Actors.Unit, "sr-everyday-coaching", language));
            data.Add(new("change", DecisionKind.Change, Process.SteeringGroup, Actors.Unit, "sr-everyday-coaching", language));
            data.Add(new("granting changed on review", DecisionKind.Granting, Process.SteeringGroup, Actors.Unit, "sr-everyday-coaching", language,
                ChangedOnReview: true));
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
        var granting = c.Kind is DecisionKind.Granting or DecisionKind.Continuation or DecisionKind.Change;
        var (start, end) = c.Kind switch
        {
            DecisionKind.Continuation => (new DateOnly(2026, 9, 1), new DateOnly(2027, 2, 28)),
            DecisionKind.Change => (new DateOnly(2026, 5, 4), new DateOnly(2026, 8, 31)),
            DecisionKind.Ending => ((DateOnly?)null, new DateOnly(2026, 6, 30)),
            _ => (new DateOnly(2026, 3, 2), new DateOnly(2026, 8, 31)),
        };
        var draft = new DecisionDraft(c.Kind, service.Code, service.LegalBasisCode, texts.Reasons,
            granting ? start : null,
            c.Kind == DecisionKind.Ending || (granting && !c.UntilFurtherNotice) ? end : null,
            granting && !c.UntilFurtherNotice ? 6 : null,
            texts.Contact, "p. 09 123 4567", "worker-17")
        {
            EndingReason = c.Kind == DecisionKind.Ending ? EndingReason.GoalsMet : null,
            Changes = c.ChangedOnReview ? 1 : null,
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
        // A later decision comes after the first: the grant it is about, or the refusal the review body changed.
        if (draft.OnGrantedService || c.ChangedOnReview)
        {
            var first = new SignedDecision(1, draft with { Kind = c.ChangedOnReview ? DecisionKind.Refusing : DecisionKind.Granting, Changes = null },
                "hash-1", new DateOnly(2026, 1, 15), null, "signer-1");
            var course = new DecisionCourse(first)
            {
                RequestForReview = c.ChangedOnReview
                    ? new RequestForReview(new DateOnly(2026, 2, 2), RequestForReviewBy.Client, true, RequestForReviewOutcome.Changed, new DateOnly(2026, 2, 20))
                    : null,
            };
            state = state with { Decision = first, Decisions = [course] };
        }
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
        var granting = c.Kind is DecisionKind.Granting or DecisionKind.Continuation or DecisionKind.Change;

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
        // the matter (a later decision names the decision granting the service it is about)
        var matter = Element(doc, "matter");
        Assert.Contains(sv ? service.NameSv : service.NameFi, matter);
        var heading = Regex.Match(doc, "<h1>(.*?)</h1>").Groups[1].Value;
        Assert.Equal(c.Kind switch
        {
            DecisionKind.Granting => sv ? "Beslut om socialvårdstjänst" : "Päätös sosiaalihuollon palvelusta",
            DecisionKind.Refusing => sv ? "Avslagsbeslut om socialvårdstjänst" : "Kielteinen päätös sosiaalihuollon palvelusta",
            DecisionKind.Ending => sv ? "Beslut om att avsluta en socialvårdstjänst" : "Päätös sosiaalihuollon palvelun lopettamisesta",
            DecisionKind.Continuation => sv ? "Beslut om fortsatt socialvårdstjänst" : "Päätös sosiaalihuollon palvelun jatkamisesta",
            _ => sv ? "Beslut om ändring av en socialvårdstjänst" : "Päätös sosiaalihuollon palvelun muuttamisesta",
        }, heading);
        if (c.Kind is DecisionKind.Ending or DecisionKind.Continuation or DecisionKind.Change)
            Assert.EndsWith(sv ? "(beslut 15.1.2026)" : "(päätös 15.1.2026)", matter);
        else Assert.DoesNotContain("15.1.2026", matter);
        // the new version of a decision changed on review says which decision it replaces and when the body changed it
        if (c.ChangedOnReview)
            Assert.Equal(sv
                ? "Detta beslut är en ny version av beslutet av den 15.1.2026, som det organ som behandlade begäran om omprövning ändrade den 20.2.2026. Det ersätter det tidigare beslutet."
                : "Tämä päätös on uusi versio 15.1.2026 tehdystä päätöksestä, jota oikaisuvaatimuksen käsitellyt toimielin muutti 20.2.2026. Se korvaa aiemman päätöksen.",
                Element(doc, "changed-on-review"));
        else Assert.DoesNotContain("data-element=\"changed-on-review\"", doc);
        // exactly what was decided
        var decided = Element(doc, "decided");
        Assert.Contains(sv ? service.NameSv : service.NameFi, decided);
        if (c.Kind == DecisionKind.Ending)
        {
            Assert.Contains(sv ? "avslutas före det slutdatum som beslutats" : "lopetetaan ennen päätöksessä päätettyä päättymispäivää", decided);
            Assert.Equal("30.6.2026", Element(doc, "end"));
            Assert.Equal(sv ? "målen för tjänsten har nåtts" : "palvelun tavoitteet on saavutettu", Element(doc, "ending-reason"));
            foreach (var absent in new[] { "start", "esy", "provider", "fee", "form", "content", "extent" })
                Assert.DoesNotContain($"data-element=\"{absent}\"", doc);
        }
        else if (granting)
        {
            Assert.Contains(c.Kind switch
            {
                DecisionKind.Continuation => sv ? "fortsätter" : "jatketaan",
                DecisionKind.Change => sv ? "ändras" : "muutetaan",
                _ => sv ? "beviljas tjänsten" : "myönnetään palvelu",
            }, decided);
            Assert.Equal(sv ? "individuell tjänst" : "yksilöllinen palvelu", Element(doc, "form"));
            Assert.Equal(WorkerTexts(c.Language).Content, Element(doc, "content"));
            Assert.Equal(WorkerTexts(c.Language).Extent, Element(doc, "extent"));
            var later = c.Kind != DecisionKind.Granting;
            Assert.Contains(later ? (sv ? "<dt>Beslutet gäller från och med</dt>" : "<dt>Päätös on voimassa alkaen</dt>") : (sv ? "<dt>Tjänsten inleds</dt>" : "<dt>Palvelu alkaa</dt>"), decided);
            Assert.Equal(c.Kind switch { DecisionKind.Continuation => "1.9.2026", DecisionKind.Change => "4.5.2026", _ => "2.3.2026" }, Element(doc, "start"));
            Assert.Equal(c.UntilFurtherNotice ? (sv ? "Tjänsten beviljas tills vidare." : "Palvelu myönnetään toistaiseksi.")
                : c.Kind == DecisionKind.Continuation ? "28.2.2027" : "31.8.2026", Element(doc, "end"));
            Assert.Contains(c.UntilFurtherNotice ? (sv ? "klientplanen" : "asiakassuunnitelmassa")
                : c.Kind switch { DecisionKind.Continuation => "(3/2027)", DecisionKind.Change => "(11/2026)", _ => "(9/2026)" }, Element(doc, "esy"));
            if (later) Assert.Contains(sv ? "detta beslut trätt i kraft" : "tämän päätöksen voimaantulosta", Element(doc, "esy"));
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
        foreach (var code in new[] { "sr-", "SHL-", "L189", c.Unit, c.Profile, authority.Id, "worker-17", "client-7f3a9c", "signer-1", "hash-1",
            "Granting", "Refusing", "Ending", "Continuation", "GoalsMet", "Purchased" })
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
