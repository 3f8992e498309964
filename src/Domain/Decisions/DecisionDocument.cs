using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Decisions;

/// <summary>What goes into a decision document besides the draft: hallintolaki § 44 asks for the
/// authority and date, the parties, the reasons, what exactly was decided and the contact person.
/// DecisionDate and SignedBy are null for a draft not yet signed.</summary>
public sealed record DecisionContent(
    string ReferralId,
    Authority Authority,
    string UnitId,
    string ClientId,
    int DraftVersion,
    DecisionDraft Draft,
    ServiceType Service,
    LegalBasis Basis,
    DateOnly? DecisionDate,
    string? SignedBy)
{
    /// <summary>A decision exists only once it is dated and signed; until then the document is a draft.</summary>
    public bool IsSigned => DecisionDate is not null && !string.IsNullOrWhiteSpace(SignedBy);
}

/// <summary>Renders a decision deterministically (same content → same bytes), in Finnish with Swedish
/// beside it, with the instructions for requesting review within 30 days. The text lives in the
/// templates (Decisions/Templates/decision.html, decision.fi.html, decision.sv.html); this class only
/// fills them. Nothing here reads the clock or the current culture: dates are d.M.yyyy and numbers
/// invariant, every value is HTML-escaped, and the result is Unicode NFC so that the SHA-256 of a
/// signed decision can be checked again years later.</summary>
public static class DecisionDocument
{
    private static readonly HtmlTemplate Page = Load("decision.html");
    private static readonly HtmlTemplate Finnish = Load("decision.fi.html");
    private static readonly HtmlTemplate Swedish = Load("decision.sv.html");

    public static string Render(DecisionContent content)
    {
        var page = Page.Render(new TemplateValues()
            .WithFlag("signed", content.IsSigned)
            .With("draftVersion", Number(content.DraftVersion))
            .With("referralId", content.ReferralId)
            .WithMarkup("fi", Finnish.Render(Values(content, "fi")))
            .WithMarkup("sv", Swedish.Render(Values(content, "sv"))));
        return page.Normalize(NormalizationForm.FormC);
    }

    public static byte[] Bytes(DecisionContent content) => new UTF8Encoding(false).GetBytes(Render(content));

    public static string Sha256Hex(DecisionContent content) => Convert.ToHexStringLower(SHA256.HashData(Bytes(content)));

    /// <summary>The invariant date form printed on decisions, e.g. 5.3.2026.</summary>
    public static string FormatDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day}.{date.Month}.{date.Year}");

    private static TemplateValues Values(DecisionContent c, string language)
    {
        var fi = language == "fi";
        var draft = c.Draft;
        var granting = draft.Kind == DecisionKind.Granting;
        var esyMonth = granting ? draft.EsyRemeasurementMonth : null;
        var authority = c.Authority;
        var reviewBody = fi ? authority.ReviewBodyFi : authority.ReviewBodySv;
        return new TemplateValues()
            .With("authority", fi ? authority.NameFi : authority.NameSv)
            .WithFlag("signed", c.IsSigned)
            .With("date", c.DecisionDate is { } d ? FormatDate(d) : "")
            .With("signedBy", c.SignedBy)
            .With("draftVersion", Number(c.DraftVersion))
            .With("referralId", c.ReferralId)
            .With("clientId", c.ClientId)
            .With("unitId", c.UnitId)
            .WithFlag("granting", granting)
            .With("serviceName", fi ? c.Service.NameFi : c.Service.NameSv)
            .With("serviceCode", c.Service.Code)
            .With("citation", fi ? c.Basis.CitationFi : c.Basis.CitationSv)
            .With("basisCode", c.Basis.Code)
            .WithFlag("hasStart", granting && draft.Start is not null)
            .With("start", draft.Start is { } s ? FormatDate(s) : "")
            .WithFlag("hasEnd", granting && draft.End is not null)
            .With("end", draft.End is { } e ? FormatDate(e) : "")
            .WithFlag("hasEsy", esyMonth is not null)
            .With("esyMonth", esyMonth is { } m ? Number(m) : "")
            .WithFlag("hasEsyCalendarMonth", esyMonth is not null && draft.Start is not null)
            .With("esyCalendarMonth", esyMonth is { } n && draft.Start is { } from ? MonthOf(from.AddMonths(n)) : "")
            .WithMarkup("reasons", Paragraphs(draft.Reasons))
            .With("contactPerson", draft.ContactPerson)
            .WithMarkup("contactDetails", Lines(draft.ContactDetails))
            .With("draftedBy", draft.DraftedBy)
            .WithFlag("hasReviewBody", !string.IsNullOrWhiteSpace(reviewBody))
            .With("reviewBody", reviewBody)
            .WithFlag("hasReviewContact", !string.IsNullOrWhiteSpace(authority.ReviewContact))
            .WithMarkup("reviewContact", Lines(authority.ReviewContact ?? ""));
    }

    /// <summary>Text as escaped lines: a reason written on several lines keeps its line breaks.</summary>
    private static string Lines(string text) =>
        string.Join("<br>\n", Normalise(text).Split('\n').Select(HtmlTemplate.Escape));

    /// <summary>Blank-line separated paragraphs of escaped lines.</summary>
    private static string Paragraphs(string text) =>
        string.Join("\n", Normalise(text)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => $"<p>{Lines(p)}</p>"));

    private static string Normalise(string? text) =>
        (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string MonthOf(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Month}/{date.Year}");

    private static HtmlTemplate Load(string file)
    {
        var assembly = typeof(DecisionDocument).Assembly;
        var name = assembly.GetManifestResourceNames()
            .Single(n => n.EndsWith(".Decisions.Templates." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new HtmlTemplate(reader.ReadToEnd());
    }
}
