using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Decisions;

/// <summary>What goes into a decision document besides the draft: hallintolaki § 44 asks for the
/// authority and date, the parties, the reasons, what exactly was decided and the contact person.
/// Unit is null where the configuration does not name the unit; Client is null where no client record
/// exists (a referral from before the record): the document then says so instead of failing. The
/// decision is written in the client's language (Finnish when unknown). DecisionDate and DecisionMaker
/// are null for a draft not yet signed.</summary>
public sealed record DecisionContent(
    string ReferralId,
    Authority Authority,
    OrganisationUnit? Unit,
    DecisionClient? Client,
    int DraftVersion,
    DecisionDraft Draft,
    ServiceType Service,
    LegalBasis Basis,
    DateOnly? DecisionDate,
    Official? DecisionMaker)
{
    /// <summary>A decision exists only once it is dated and signed; until then the document is a draft.</summary>
    public bool IsSigned => DecisionDate is not null && DecisionMaker is not null;

    /// <summary>The date of the decision that granted the service which this ending, continuation or change decision is about.</summary>
    public DateOnly? GrantDate { get; init; }

    /// <summary>For the new version of a decision the review body changed: the changed decision's date and the review body's.</summary>
    public DateOnly? ChangedDecisionDate { get; init; }

    public DateOnly? ReviewDecidedOn { get; init; }

    /// <summary>The signer rule the decision is made under, printed with the decision-maker (who decides, on what
    /// delegation); null prints no such line (decisions signed before the rule was named, so their hash holds).</summary>
    public SignerRule? SignerRule { get; init; }

    /// <summary>The unit whose decision-maker decides, under <see cref="Profiles.SignerRule.NamedUnitDecisionMaker"/>.</summary>
    public OrganisationUnit? SignerUnit { get; init; }

    /// <summary>"fi" or "sv": the client's language.</summary>
    public string Language => Client?.Language == Clients.ClientLanguage.Sv ? "sv" : "fi";
}

/// <summary>Assembles a decision's content from the referral, the configuration and the client record, the
/// same way for the signing rule (whose hash goes into the event) and for every later rendering.</summary>
public static class DecisionContents
{
    /// <summary>The content of <paramref name="draft"/> (version <paramref name="version"/>); the date and the
    /// decision-maker only once signed. Missing configuration renders as neutral placeholders, never an id.</summary>
    public static DecisionContent Build(ProcessConfiguration? configuration, ReferralState state, DecisionClient? client,
        int version, DecisionDraft draft, DateOnly? date, Official? decisionMaker)
    {
        var service = configuration?.Catalogue.Find(draft.ServiceTypeCode)
            ?? new ServiceType(draft.ServiceTypeCode, "", "", draft.LegalBasisCode);
        var basis = configuration?.Catalogue.Basis(draft.LegalBasisCode)
            ?? new LegalBasis(draft.LegalBasisCode, "", "");
        var authority = configuration?.AuthorityOf(state.ProfileId) ?? UnknownAuthority;
        // Its place among the signed decisions (a draft comes after all of them): the grant it is about came before it.
        var decisions = state.SignedDecisions;
        var number = decisions.FirstOrDefault(d => d.DraftVersion == version)?.Number ?? decisions.Count + 1;
        var grant = draft.OnGrantedService ? decisions.Where(d => d.Number < number).LastOrDefault(d => d.Draft.Grants) : null;
        var changed = draft.Changes is { } n && n >= 1 && n <= decisions.Count ? decisions[n - 1] : null;
        return new DecisionContent(state.Id, authority, configuration?.Unit(state.Unit), client, version, draft,
            service, basis, date, decisionMaker)
        {
            GrantDate = grant?.SignedOn,
            ChangedDecisionDate = changed?.SignedOn,
            ReviewDecidedOn = changed?.RequestForReview?.DecidedOn,
        };
    }

    /// <summary>The current draft, unsigned.</summary>
    public static DecisionContent ForDraft(ProcessConfiguration? configuration, ReferralState state, DecisionClient? client) =>
        Build(configuration, state, client, state.DraftVersion, state.Draft!, null, null) with
        {
            SignerRule = configuration?.Profile(state.ProfileId)?.Signer,
            SignerUnit = NamedUnit(configuration, configuration?.Profile(state.ProfileId)),
        };

    /// <summary>The latest signed decision, as it was signed.</summary>
    public static DecisionContent ForSigned(ProcessConfiguration? configuration, ReferralState state, DecisionClient? client) =>
        ForSigned(configuration, state, client, state.Decision!);

    /// <summary>One of the referral's signed decisions, as it was signed.</summary>
    public static DecisionContent ForSigned(ProcessConfiguration? configuration, ReferralState state, DecisionClient? client, SignedDecision decision) =>
        Build(configuration, state, client, decision.DraftVersion, decision.Draft, decision.SignedOn,
            new Official(decision.SignerName, decision.SignerTitle)) with
        {
            SignerRule = decision.SignerRule,
            SignerUnit = decision.SignerRule == Profiles.SignerRule.NamedUnitDecisionMaker ? NamedUnit(configuration, configuration?.Profile(state.ProfileId)) : null,
        };

    /// <summary>The unit a profile's rule names (NamedUnitDecisionMaker), as configured.</summary>
    public static OrganisationUnit? NamedUnit(ProcessConfiguration? configuration, ProcessProfile? profile) =>
        profile is { Signer: Profiles.SignerRule.NamedUnitDecisionMaker, SignerUnitId: { } unit } ? configuration?.Unit(unit) : null;

    private static readonly Bilingual Blank = new("", "");

    private static readonly Authority UnknownAuthority = new("", Blank, "", Blank, false, new ReviewBody(Blank, Blank, Blank, "", Blank));
}

/// <summary>A person named on a decision (decision-maker, preparer) as their sign-in gave them; either part
/// may be unknown in events from before names were recorded, and the document then says so.</summary>
public sealed record Official(string? Name, string? Title);

/// <summary>Renders a decision deterministically (same content → same bytes), in the client's language
/// (Finnish or Swedish), with the instructions for requesting review within 30 days. The text lives in the
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
        var language = content.Language;
        var body = (language == "sv" ? Swedish : Finnish).Render(Values(content, language));
        var page = Page.Render(new TemplateValues()
            .WithFlag("signed", content.IsSigned)
            .WithFlag("sv", language == "sv")
            .With("lang", language)
            .With("draftVersion", Number(content.DraftVersion))
            .With("referralId", content.ReferralId)
            .WithMarkup("body", body));
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
        // Granting, continuation and change decisions say exactly what is granted; an ending decision its last day and reason.
        var grants = draft.Grants;
        var untilFurtherNotice = grants && draft.UntilFurtherNotice && draft.End is null;
        var esyMonth = grants && !untilFurtherNotice ? draft.EsyRemeasurementMonth : null;
        var authority = c.Authority;
        var body = authority.ReviewBody;
        var provision = fi ? c.Service.ProvisionFi : c.Service.ProvisionSv;
        var citation = fi ? c.Basis.CitationFi : c.Basis.CitationSv;
        var maker = c.DecisionMaker;
        return new TemplateValues()
            .With("authority", authority.Name.In(language))
            .WithFlag("bilingual", authority.Bilingual)
            .With("authorityOther", authority.Name.In(fi ? "sv" : "fi"))
            .WithMarkup("authorityAddress", Lines(authority.PostalAddress.In(language)))
            .With("businessId", authority.BusinessId)
            .WithFlag("hasUnit", c.Unit is not null)
            .With("unitName", c.Unit?.Name.In(language))
            .WithFlag("signed", c.IsSigned)
            .With("date", c.DecisionDate is { } d ? FormatDate(d) : "")
            .With("draftVersion", Number(c.DraftVersion))
            .With("referralId", c.ReferralId)
            .WithFlag("hasClient", c.Client is not null)
            .With("clientName", c.Client?.FullName)
            .With("clientIdentityCode", c.Client?.IdentityCode)
            .WithFlag("granting", granting)
            .WithFlag("grants", grants)
            .WithFlag("refusing", draft.Kind == DecisionKind.Refusing)
            .WithFlag("ending", draft.Kind == DecisionKind.Ending)
            .WithFlag("continuation", draft.Kind == DecisionKind.Continuation)
            .WithFlag("change", draft.Kind == DecisionKind.Change)
            .WithFlag("onApplication", !draft.OnGrantedService)
            .WithFlag("hasGrantDate", c.GrantDate is not null)
            .With("grantDate", c.GrantDate is { } granted ? FormatDate(granted) : "")
            .WithFlag("changedOnReview", c.ChangedDecisionDate is not null)
            .With("changedDate", c.ChangedDecisionDate is { } changedOn ? FormatDate(changedOn) : "")
            .With("reviewDecidedOn", c.ReviewDecidedOn is { } reviewed ? FormatDate(reviewed) : "")
            .WithFlag("reasonClientWish", draft.EndingReason == EndingReason.ClientWish)
            .WithFlag("reasonGoalsMet", draft.EndingReason == EndingReason.GoalsMet)
            .WithFlag("reasonNotTakingPart", draft.EndingReason == EndingReason.NotTakingPart)
            .WithFlag("reasonNeverStarted", draft.EndingReason == EndingReason.NeverStarted)
            .WithFlag("hasGuidance", draft.Kind == DecisionKind.Refusing && !string.IsNullOrWhiteSpace(draft.RedirectedTo))
            .With("guidance", Normalise(draft.RedirectedTo))
            .With("serviceName", fi ? c.Service.NameFi : c.Service.NameSv)
            .With("citation", string.IsNullOrWhiteSpace(provision) ? citation : $"{citation} {provision}")
            .WithFlag("hasForm", grants && draft.Form is not null)
            .WithFlag("formIndividual", draft.Form == ServiceForm.Individual)
            .WithFlag("formGroup", draft.Form == ServiceForm.Group)
            .WithFlag("formRemote", draft.Form == ServiceForm.Remote)
            .WithFlag("hasContent", grants && !string.IsNullOrWhiteSpace(draft.Content))
            .WithMarkup("content", Lines(draft.Content))
            .WithFlag("hasExtent", grants && !string.IsNullOrWhiteSpace(draft.Extent))
            .With("extent", Normalise(draft.Extent))
            .WithFlag("hasProvider", grants && !string.IsNullOrWhiteSpace(draft.Provider))
            .With("provider", Normalise(draft.Provider))
            .WithFlag("providerOwn", draft.ProviderKind == ProviderKind.Own)
            .WithFlag("providerPurchased", draft.ProviderKind == ProviderKind.Purchased)
            .WithFlag("hasStart", grants && draft.Start is not null)
            .With("start", draft.Start is { } s ? FormatDate(s) : "")
            .WithFlag("hasEnd", grants && draft.End is not null)
            .With("end", draft.End is { } e ? FormatDate(e) : "")
            .WithFlag("untilFurtherNotice", untilFurtherNotice)
            .WithFlag("hasEsy", esyMonth is not null)
            .With("esyMonth", esyMonth is { } m ? Number(m) : "")
            .WithFlag("hasEsyCalendarMonth", esyMonth is not null && draft.Start is not null)
            .With("esyCalendarMonth", esyMonth is { } n && draft.Start is { } from ? MonthOf(from.AddMonths(n)) : "")
            .WithMarkup("reasons", Paragraphs(draft.Reasons))
            .With("contactPerson", draft.ContactPerson)
            .WithMarkup("contactDetails", Lines(draft.ContactDetails))
            .WithFlag("hasSignerRule", c.SignerRule is not null)
            .WithFlag("ruleLead", c.SignerRule == Profiles.SignerRule.LeadSocialWorkerOfReferringUnit)
            .WithFlag("ruleGroupLeader", c.SignerRule == Profiles.SignerRule.GroupLeaderOfReferringUnit)
            .WithFlag("ruleNamedUnit", c.SignerRule == Profiles.SignerRule.NamedUnitDecisionMaker)
            .WithFlag("ruleCaseOwner", c.SignerRule == Profiles.SignerRule.CaseOwner)
            .WithFlag("hasSignerUnit", c.SignerUnit is not null)
            .With("signerUnitName", c.SignerUnit?.Name.In(language))
            .WithFlag("hasSignerName", !string.IsNullOrWhiteSpace(maker?.Name))
            .With("signerName", maker?.Name?.Trim())
            .WithFlag("hasSignerTitle", !string.IsNullOrWhiteSpace(maker?.Title))
            .With("signerTitle", maker?.Title?.Trim())
            .WithFlag("hasPreparerName", !string.IsNullOrWhiteSpace(draft.PreparerName))
            .With("preparerName", draft.PreparerName?.Trim())
            .WithFlag("hasPreparerTitle", !string.IsNullOrWhiteSpace(draft.PreparerTitle))
            .With("preparerTitle", draft.PreparerTitle?.Trim())
            .With("reviewAddressee", body.Addressee.In(language))
            .With("reviewBodyName", body.Name.In(language))
            .WithMarkup("reviewPostalAddress", Lines(body.PostalAddress.In(language)))
            .With("reviewEmail", body.Email)
            .With("officeHours", body.OfficeHours.In(language));
    }

    /// <summary>Text as escaped lines: a reason written on several lines keeps its line breaks.</summary>
    private static string Lines(string? text) =>
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
