namespace Referrals.Domain.Profiles;

/// <summary>Everything the process reads as configuration rather than code: the local process
/// profiles, the service catalogue, the authorities and units named on decisions and the ESY
/// instrument. The shape is the JSON of Profiles/Config/process.json (property names case-insensitive);
/// <see cref="ConfigurationProblems.Of"/> lists everything wrong with one, by place.</summary>
public sealed record ProcessConfiguration(
    IReadOnlyList<ProcessProfile> Profiles,
    ServiceCatalogue Catalogue,
    IReadOnlyList<Authority> Authorities,
    Esy.EsyInstrument EsyInstrument)
{
    /// <summary>The units (referring units, review bodies) as decisions name them. A unit not listed here
    /// is shown on a decision as "unit not named", never by its id.</summary>
    public IReadOnlyList<OrganisationUnit> Units { get; init; } = [];

    public ProcessProfile? Profile(string id) => Profiles.FirstOrDefault(p => p.Id == id);

    /// <summary>The authority that decides for a profile (its <see cref="ProcessProfile.AuthorityId"/>).</summary>
    public Authority? AuthorityOf(ProcessProfile profile) => Authorities.FirstOrDefault(a => a.Id == profile.AuthorityId);

    public Authority? AuthorityOf(string profileId) => Profile(profileId) is { } p ? AuthorityOf(p) : null;

    public OrganisationUnit? Unit(string id) => Units.FirstOrDefault(u => u.Id == id);
}

/// <summary>A text in both official languages. <see cref="In"/> picks the client's.</summary>
public sealed record Bilingual(string Fi, string Sv)
{
    public string In(string language) => language == "sv" ? Sv : Fi;
}

/// <summary>The authority that decides (hallintolaki § 44: the authority is named on the decision): the
/// wellbeing services county. Bilingual counties (kielilaki 423/2003) print their name in both languages,
/// the client's first; a unilingual one only in the language of the decision. BusinessId is the
/// Y-tunnus / FO-nummer (1234567-8, check digit verified). PostalAddress is printed as given in the
/// decision's language, one line per line (PL / PB, Vantaa / Vanda).</summary>
public sealed record Authority(string Id, Bilingual Name, string BusinessId, Bilingual PostalAddress, bool Bilingual, ReviewBody ReviewBody);

/// <summary>Where a request for review (oikaisuvaatimus) goes: the county's body for individual matters.
/// Name is its name as a heading shows it (nominative); Addressee is the form the sentence "Oikaisuvaatimus
/// tehdään …" / "Begäran om omprövning riktas till …" needs (Finnish allative, e.g. "yksilöasioiden
/// jaostolle"; Swedish the definite form, e.g. "sektionen för individärenden"). PostalAddress (in each
/// language) and Email are the registry's (kirjaamo / registratur); OfficeHours are printed as given.</summary>
public sealed record ReviewBody(Bilingual Name, Bilingual Addressee, Bilingual PostalAddress, string Email, Bilingual OfficeHours);

/// <summary>A unit as a decision names it: a referring unit or a review body.</summary>
public sealed record OrganisationUnit(string Id, Bilingual Name);
