using Referrals.Domain.Decisions;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Tests.Decisions;

internal static class DecisionSamples
{
    public static readonly Authority Authority = new("Vantaan ja Keravan hyvinvointialue", "Vanda och Kervo välfärdsområde");

    public static readonly ServiceType Service = new(
        "sr-group-activity", "Sosiaalinen kuntoutus: ryhmätoiminta", "Social rehabilitering: gruppverksamhet", "shl-17");

    public static readonly LegalBasis Basis = new(
        "shl-17", "Sosiaalihuoltolaki (1301/2014) 17 § 1 mom. 4 kohta", "Socialvårdslagen (1301/2014) 17 § 1 mom. 4 punkten");

    public static readonly DecisionDraft GrantingDraft = new(
        DecisionKind.Granting, Service.Code, Basis.Code,
        "Asiakkaan sosiaalinen toimintakyky on heikentynyt.\nRyhmätoiminta tukee arjen hallintaa.",
        new DateOnly(2026, 3, 2), new DateOnly(2026, 8, 31), 6,
        "Sosiaalityöntekijä Maija Meikäläinen", "p. 09 123 4567\nmaija.meikalainen@example.fi", "worker-17");

    public static DecisionContent Draft(int version = 3) => new(
        "ref-2026-000123", Authority, "aikuissosiaalityo-tikkurila", "client-7f3a9c", version, GrantingDraft,
        Service, Basis, DecisionDate: null, SignedBy: null);

    public static DecisionContent Signed() => Draft() with
    {
        DecisionDate = new DateOnly(2026, 3, 5),
        SignedBy = "Johtava sosiaalityöntekijä Liisa Virtanen",
    };

    /// <summary>The Finnish and the Swedish section of a rendered document.</summary>
    public static (string Fi, string Sv) Sections(string html)
    {
        var fi = html.IndexOf("<section lang=\"fi\">", StringComparison.Ordinal);
        var sv = html.IndexOf("<section lang=\"sv\">", StringComparison.Ordinal);
        Assert.True(fi >= 0 && sv > fi, "both language sections, Finnish first");
        var end = html.IndexOf("</section>", sv, StringComparison.Ordinal);
        return (html[fi..sv], html[sv..end]);
    }

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
