namespace Referrals.Domain.Profiles;

/// <summary>Everything the process reads as configuration rather than code: the local process
/// profiles, the service catalogue, the authorities and units named on decisions and the instruments
/// (ESY and others). The shape is the JSON of Profiles/Config/process.json (property names case-insensitive);
/// <see cref="ConfigurationProblems.Of"/> lists everything wrong with one, by place.</summary>
public sealed record ProcessConfiguration(
    IReadOnlyList<ProcessProfile> Profiles,
    ServiceCatalogue Catalogue,
    IReadOnlyList<Authority> Authorities,
    Esy.EsyInstrument? EsyInstrument = null)
{
    /// <summary>The self-assessment instruments a profile may use (<see cref="ProcessProfile.Instruments"/>), each by a
    /// stable id. The earlier shape, one <see cref="EsyInstrument"/>, is still read (version 2026.1); a configuration
    /// gives one or the other (<see cref="ConfigurationProblems"/>).</summary>
    public IReadOnlyList<Esy.EsyInstrument>? Instruments { get; init; }

    /// <summary>The instruments in this version: <see cref="Instruments"/>, or the earlier single one.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Esy.EsyInstrument> AllInstruments =>
        Instruments is { Count: > 0 } list ? list : EsyInstrument is { } single ? [single] : [];

    public Esy.EsyInstrument? Instrument(string? id) => id is null ? null : AllInstruments.FirstOrDefault(i => i?.Id == id);

    /// <summary>The instruments a profile uses, in its order: those it names, or every instrument where it names none.</summary>
    public IReadOnlyList<Esy.EsyInstrument> InstrumentsOf(ProcessProfile profile) =>
        profile.Instruments is { Count: > 0 } ids ? [.. ids.Select(Instrument).OfType<Esy.EsyInstrument>()] : AllInstruments;

    /// <summary>The instrument a profile uses for a measurement that names none: its first.</summary>
    public Esy.EsyInstrument? DefaultInstrumentOf(ProcessProfile profile) => InstrumentsOf(profile).FirstOrDefault();

    /// <summary>The units (referring units, review bodies) as decisions name them. A unit not listed here
    /// is shown on a decision as "unit not named", never by its id.</summary>
    public IReadOnlyList<OrganisationUnit> Units { get; init; } = [];

    /// <summary>The version of this configuration as the county names it (e.g. "2027.1"). Each referral records the
    /// version it started under (<see cref="Referrals.ReferralSubmitted.ConfigurationVersion"/>) and runs to its end under
    /// that version's rules while the version is loaded (docs/process-configuration.md, "Versions").</summary>
    public string Version { get; init; } = "";

    public ProcessProfile? Profile(string id) => Profiles.FirstOrDefault(p => p.Id == id);

    /// <summary>The authority that decides for a profile (its <see cref="ProcessProfile.AuthorityId"/>).</summary>
    public Authority? AuthorityOf(ProcessProfile profile) => Authorities.FirstOrDefault(a => a.Id == profile.AuthorityId);

    public Authority? AuthorityOf(string profileId) => Profile(profileId) is { } p ? AuthorityOf(p) : null;

    public OrganisationUnit? Unit(string id) => Units.FirstOrDefault(u => u.Id == id);

    /// <summary>The municipalities of the authorities (a client's home municipality is one of these; a unit may name its own).</summary>
    public IReadOnlyList<Municipality> Municipalities { get; init; } = [];

    public Municipality? MunicipalityOf(string code) => (Municipalities ?? []).FirstOrDefault(m => m?.Code == code);

    /// <summary>The profile a review body runs (the profile whose <see cref="ProcessProfile.ReviewBodyId"/> it is): the rules
    /// a referral transferred to that body switches to. Null where no profile, or more than one, has it.</summary>
    public ProcessProfile? ProfileRunBy(string reviewBodyId)
    {
        var runners = Profiles.Where(p => p.ReviewBodyId == reviewBodyId).Take(2).ToList();
        return runners.Count == 1 ? runners[0] : null;
    }
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

/// <summary>A unit as a decision names it: a referring unit or a review body. Municipality is the code of the
/// municipality it works in (one of <see cref="ProcessConfiguration.Municipalities"/>), where it has one.</summary>
public sealed record OrganisationUnit(string Id, Bilingual Name)
{
    public string? Municipality { get; init; }

    /// <summary>Set on a service-provider unit (palveluntuottaja): whether it is the county's own service or a purchased
    /// one (ostopalvelu). A service starts with one of these units as its provider; its ServiceProvider role reads and
    /// reports on the referrals assigned to it.</summary>
    public Referrals.ProviderKind? Provider { get; init; }
}

/// <summary>A municipality of a wellbeing services county: its Statistics Finland code (three digits, e.g. 092 Vantaa),
/// its name in both languages and the authority (county) it belongs to.</summary>
public sealed record Municipality(string Code, Bilingual Name, string AuthorityId);
