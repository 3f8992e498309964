using Referrals.Domain.Clients;
using Referrals.Domain.Decisions;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Tests.Decisions;

internal static class DecisionSamples
{
    public static readonly ReviewBody ReviewBody = new(
        new("Yksilöasioiden jaosto", "Sektionen för individärenden"),
        new("Vantaan ja Keravan hyvinvointialueen yksilöasioiden jaostolle", "sektionen för individärenden vid Vanda och Kervo välfärdsområde"),
        new("Kirjaamo\nPL 123\n01301 Vantaa", "Registraturen\nPB 123\n01301 Vanda"), "kirjaamo@example.fi",
        new("maanantaista perjantaihin klo 8.00–15.45", "måndag till fredag kl. 8.00–15.45"));

    public static readonly Authority Authority = new(
        "vantaa-kerava", new("Vantaan ja Keravan hyvinvointialue", "Vanda och Kervo välfärdsområde"), "3221350-2",
        new("PL 1000\n01301 Vantaa", "PB 1000\n01301 Vanda"), Bilingual: true, ReviewBody);

    public static readonly OrganisationUnit Unit = new(
        "aikuissosiaalityo-tikkurila", new("Aikuissosiaalityö, Tikkurila", "Socialt arbete för vuxna, Dickursby"));

    public static readonly DecisionClient FinnishClient = new("Maija Meikäläinen", "010594Y9021", ClientLanguage.Fi);

    public static readonly DecisionClient SwedishClient = new("Sara Lindqvist", "131052-308T", ClientLanguage.Sv);

    public static readonly ServiceType Service = new(
        "sr-group-activity", "Ryhmätoiminta ja tuki sosiaalisiin vuorovaikutussuhteisiin", "Gruppverksamhet och stöd för sociala relationer", "SHL-17")
    {
        ProvisionFi = "1 mom. 4 kohta",
        ProvisionSv = "1 mom. 4 punkten",
    };

    public static readonly LegalBasis Basis = new("SHL-17", "Sosiaalihuoltolaki (1301/2014) 17 §", "Socialvårdslagen (1301/2014) 17 §");

    public static readonly DecisionDraft GrantingDraft = new(
        DecisionKind.Granting, Service.Code, Basis.Code,
        "Asiakkaan sosiaalinen toimintakyky on heikentynyt.\nRyhmätoiminta tukee arjen hallintaa.",
        new DateOnly(2026, 3, 2), new DateOnly(2026, 8, 31), 6,
        "Sosiaalityöntekijä Maija Meikäläinen", "p. 09 123 4567\nmaija.meikalainen@example.fi", "worker-17")
    {
        PreparerName = "Maija Meikäläinen",
        PreparerTitle = "sosiaalityöntekijä",
        Form = ServiceForm.Group,
        Content = "Viikoittainen ryhmä arjen taidoista",
        Extent = "kerran viikossa, 3 tuntia",
        Provider = "Kuntoutuskeskus Oy",
        ProviderKind = ProviderKind.Purchased,
    };

    public static DecisionContent Draft(int version = 3) => new(
        "ref-2026-000123", Authority, Unit, FinnishClient, version, GrantingDraft,
        Service, Basis, DecisionDate: null, DecisionMaker: null);

    public static DecisionContent Signed() => Draft() with
    {
        DecisionDate = new DateOnly(2026, 3, 5),
        DecisionMaker = new Official("Liisa Virtanen", "johtava sosiaalityöntekijä"),
    };

    /// <summary>The one language section of a rendered document: the client's language, and no other.</summary>
    public static string Section(string html, string language)
    {
        var other = language == "fi" ? "sv" : "fi";
        Assert.DoesNotContain($"<section lang=\"{other}\">", html);
        var at = html.IndexOf($"<section lang=\"{language}\">", StringComparison.Ordinal);
        Assert.True(at >= 0, $"the {language} section");
        var end = html.IndexOf("</section>", at, StringComparison.Ordinal);
        return html[at..end];
    }

    public static string Fi(DecisionContent content) => Section(DecisionDocument.Render(content), "fi");

    /// <summary>The inner text of the element carrying data-element="name" (up to its closing tag).</summary>
    public static string Element(string section, string name)
    {
        var marker = $"data-element=\"{name}\"";
        var at = section.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"element '{name}' is missing");
        var start = section.LastIndexOf('<', at);
        var tag = section[(start + 1)..section.IndexOfAny([' ', '>'], start)];
        var open = section.IndexOf('>', at) + 1;
        var close = section.IndexOf($"</{tag}>", open, StringComparison.Ordinal);
        return section[open..close];
    }
}
