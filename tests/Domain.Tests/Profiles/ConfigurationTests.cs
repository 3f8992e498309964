using Referrals.Domain.Profiles;
using Referrals.Domain.Tests.Support;

namespace Referrals.Domain.Tests.Profiles;

/// <summary>The shipped process configuration: the three local variants, the catalogue with its legal
/// bases, and the ESY instrument, clearly an example.</summary>
public class ConfigurationTests
{
    private static readonly ProcessConfiguration Config = DefaultProcessConfiguration.Load();

    [Fact]
    public void The_shipped_configuration_is_consistent() => Assert.Empty(ConfigurationProblems.Of(Config));

    [Fact]
    public void The_three_local_variants_are_there_as_data()
    {
        var steering = Config.Profile(Process.SteeringGroup)!;
        Assert.Equal((Process.SteeringGroup, null, SignerRule.LeadSocialWorkerOfReferringUnit),
            (steering.ReviewBodyId, steering.EscalationReviewBodyId, steering.Signer));

        var steppi = Config.Profile(Process.Steppi)!;
        Assert.Equal((Process.SteppiTeam, Process.SteeringGroup, SignerRule.LeadSocialWorkerOfReferringUnit),
            (steppi.ReviewBodyId, steppi.EscalationReviewBodyId, steppi.Signer));
        Assert.Equal(new AgeRange(18, 64), steppi.Ages);
        Assert.Equal(new MonthRange(3, 6), steppi.Duration);

        // Espoo: the group's instructor in the social-rehabilitation team decides, who need not belong to the referring unit.
        var espoo = Config.Profile(Process.Espoo)!;
        Assert.Equal((null, SignerRule.NamedUnitDecisionMaker, "espoo-social-rehabilitation"), (espoo.ReviewBodyId, espoo.Signer, espoo.SignerUnitId));

        var caseOwner = Config.Profile(Process.EspooCaseOwner)!;
        Assert.Equal((null, SignerRule.CaseOwner, null, "lansi-uusimaa"), (caseOwner.ReviewBodyId, caseOwner.Signer, caseOwner.SignerUnitId, caseOwner.AuthorityId));

        var helsinki = Config.Profile(Process.Helsinki)!;
        Assert.Equal((null, true, "helsinki"), (helsinki.ReviewBodyId, helsinki.ServicesInClientPlan, helsinki.AuthorityId));
        Assert.Equal("Helsingin kaupunki", Config.AuthorityOf(helsinki)!.Name.Fi);
        Assert.Equal("helsinki", Config.MunicipalityOf("091")!.AuthorityId);
        Assert.Equal("091", Config.Unit("helsinki-adult-social-work")!.Municipality);
    }

    /// <summary>All six shipped profiles, each valid by the start-up checks.</summary>
    [Fact]
    public void Six_profiles_are_shipped()
    {
        Assert.Equal(["vantaa-steering-group", "vantaa-steppi", "espoo", "satakunta", "espoo-case-owner", "helsinki"], Config.Profiles.Select(p => p.Id));
        Assert.Empty(global::Referrals.Domain.Profiles.ConfigurationProblems.Of(Config));
    }

    /// <summary>The comment of Helsinki's profile carries the legal caution: a requested service calls for an appealable decision.</summary>
    [Fact]
    public void Helsinki_profile_comment_carries_the_legal_caution()
    {
        using var stream = typeof(global::Referrals.Domain.Profiles.ProcessConfiguration).Assembly.GetManifestResourceStream(
            typeof(global::Referrals.Domain.Profiles.ProcessConfiguration).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("process.json", StringComparison.Ordinal)))!;
        using var json = System.Text.Json.JsonDocument.Parse(stream);
        var helsinki = json.RootElement.GetProperty("Profiles").EnumerateArray().Single(p => p.GetProperty("Id").GetString() == "helsinki");
        var comment = helsinki.GetProperty("_comment").GetString()!;
        Assert.Contains("LEGAL CAUTION", comment, StringComparison.Ordinal);
        Assert.Contains("appealable decision", comment, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sr-everyday-coaching", "SHL-17", "17 §")]
    [InlineData("work-activity-employment-support", "SHL-27d", "27 d §")]
    [InlineData("work-activity", "SHL-27e", "27 e §")]
    [InlineData("rehabilitative-work-activity", "L189-2001", "189/2001")]
    public void Every_service_names_its_legal_basis(string service, string basis, string citation)
    {
        var type = Config.Catalogue.Find(service)!;
        Assert.Equal(basis, type.LegalBasisCode);
        Assert.Contains(citation, Config.Catalogue.Basis(basis)!.CitationFi, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(type.NameSv));
    }

    [Fact]
    public void The_ESY_instrument_is_labelled_an_example()
    {
        var esy = Config.Instrument(Domain.Esy.EsyInstrument.EarlierEsyId)!;
        Assert.True(esy.IsExample);
        Assert.Contains("esimerkki", esy.NameFi, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(8, esy.Areas.Count);
        Assert.Equal((1, 10), (esy.ScaleMin, esy.ScaleMax));
        Assert.Equal(Domain.Esy.ScoreDirection.HigherIsBetter, esy.Better);
    }

    [Fact]
    public void A_second_instrument_shape_is_configured_where_a_lower_score_is_better_and_it_is_an_example_too()
    {
        Assert.Equal(["esy-example", "functioning-example"], Config.AllInstruments.Select(i => i.Id));
        var functioning = Config.Instrument("functioning-example")!;
        Assert.True(functioning.IsExample);
        Assert.Contains("esimerkki", functioning.NameFi, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("exempel", functioning.NameSv, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((Domain.Esy.ScoreDirection.LowerIsBetter, 0, 4), (functioning.Better, functioning.ScaleMin, functioning.ScaleMax));
        Assert.All(functioning.Areas, a => Assert.False(string.IsNullOrWhiteSpace(a.NameFi) || string.IsNullOrWhiteSpace(a.NameSv)));
    }

    [Fact]
    public void Each_profile_says_which_instruments_it_uses_the_default_first()
    {
        Assert.Equal(["esy-example", "functioning-example"], Config.InstrumentsOf(Config.Profile(Process.SteeringGroup)!).Select(i => i.Id));
        Assert.Equal(["esy-example"], Config.InstrumentsOf(Config.Profile(Process.Steppi)!).Select(i => i.Id));
        Assert.Equal("esy-example", Config.DefaultInstrumentOf(Config.Profile(Process.Espoo)!)!.Id);
        // A profile that names none uses every configured instrument.
        Assert.Equal(Config.AllInstruments, Config.InstrumentsOf(Config.Profile(Process.Steppi)! with { Instruments = null }));
    }

    [Theory]
    [InlineData(Process.SteeringGroup, "Vantaan ja Keravan hyvinvointialue")]
    [InlineData(Process.Steppi, "Vantaan ja Keravan hyvinvointialue")]
    [InlineData(Process.Espoo, "Länsi-Uudenmaan hyvinvointialue")]
    public void Each_profile_names_its_own_authority_with_a_complete_review_body(string profile, string nameFi)
    {
        var authority = Config.AuthorityOf(profile)!;
        Assert.Equal(nameFi, authority.Name.Fi);
        Assert.False(string.IsNullOrWhiteSpace(authority.Name.Sv));
        Assert.True(ConfigurationProblems.IsBusinessId(authority.BusinessId));
        var body = authority.ReviewBody;
        foreach (var text in new[] { body.Name.Fi, body.Name.Sv, body.Addressee.Fi, body.Addressee.Sv, body.PostalAddress.Fi, body.PostalAddress.Sv, body.Email,
                     body.OfficeHours.Fi, body.OfficeHours.Sv })
            Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.EndsWith("lle", body.Addressee.Fi, StringComparison.Ordinal); // allative: "Oikaisuvaatimus tehdään …lle"
    }

    [Theory]
    [InlineData("0124610-9", true)]
    [InlineData("3221350-2", true)]
    [InlineData("3221350-3", false)]
    [InlineData("322135-02", false)]
    [InlineData("3221306-0", false)] // remainder 1 is never issued: no check digit fits
    [InlineData("3221306-1", false)]
    [InlineData("", false)]
    public void A_business_id_needs_its_check_digit(string value, bool valid) =>
        Assert.Equal(valid, ConfigurationProblems.IsBusinessId(value));

    [Fact]
    public void Every_problem_of_the_authorities_and_units_is_listed_by_place()
    {
        var authority = Config.Authorities[0];
        var broken = Config with
        {
            Authorities =
            [
                authority with
                {
                    BusinessId = "1234567-0",
                    Name = authority.Name with { Sv = "" },
                    ReviewBody = authority.ReviewBody with { Email = "", Addressee = authority.ReviewBody.Addressee with { Fi = " " }, OfficeHours = null! },
                },
                authority,
            ],
            Profiles = [.. Config.Profiles.Select(p => p.Id == Process.Espoo ? p with { AuthorityId = "nowhere" } : p)],
            Units = [.. Config.Units, Config.Units[0] with { Name = new("", "x") }],
        };
        var problems = ConfigurationProblems.Of(broken);
        string[] expected =
        [
            $"authorities[{authority.Id}]: defined more than once",
            $"authorities[{authority.Id}].name.sv: missing",
            $"authorities[{authority.Id}].businessId: not a business id with a valid check digit (1234567-8)",
            $"authorities[{authority.Id}].reviewBody.addressee.fi: missing",
            $"authorities[{authority.Id}].reviewBody.email: missing or not an e-mail address",
            $"authorities[{authority.Id}].reviewBody.officeHours: missing",
            $"profiles[{Process.Espoo}].authorityId: unknown authority nowhere",
            $"units[{Config.Units[0].Id}]: defined more than once",
            $"units[{Config.Units[0].Id}].name.fi: missing",
        ];
        foreach (var problem in expected) Assert.Contains(problem, problems);
    }

    [Fact]
    public void The_shipped_units_are_named_in_both_languages()
    {
        foreach (var id in new[] { Actors.Unit, Actors.OtherUnit, Process.SteeringGroup, Process.SteppiTeam })
            Assert.False(string.IsNullOrWhiteSpace(Config.Unit(id)?.Name.Sv), id);
    }

    [Theory]
    [InlineData("sr-assessment", "17 § 1 mom. 1 kohta")]
    [InlineData("sr-everyday-coaching", "17 § 1 mom. 3 kohta")]
    [InlineData("sr-group-activity", "17 § 1 mom. 4 kohta")]
    [InlineData("work-activity", "(710/1982) 27 e §")]
    [InlineData("work-activity-employment-support", "(710/1982) 27 d §")]
    public void The_legal_basis_is_cited_with_its_point_and_the_right_act(string service, string cited)
    {
        var type = Config.Catalogue.Find(service)!;
        var basis = Config.Catalogue.Basis(type.LegalBasisCode)!;
        Assert.Contains(cited, $"{basis.CitationFi} {type.ProvisionFi}".Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_configuration_is_reported()
    {
        var broken = Config with
        {
            Profiles = [.. Config.Profiles, Config.Profile(Process.Espoo)! with { ServiceTypes = ["nope"], EscalationReviewBodyId = "x" }],
        };
        var problems = ConfigurationProblems.Of(broken);
        Assert.Contains(problems, p => p.Contains("defined more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown service type nope", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("escalation body", StringComparison.Ordinal));
    }

    [Fact]
    public void Implausible_deadlines_are_reported()
    {
        var espoo = Config.Profile(Process.Espoo)!;
        var broken = Config with { Profiles = [espoo with { Deadlines = espoo.Deadlines with { ReviewWorkingDays = int.MaxValue } }] };
        Assert.Contains(ConfigurationProblems.Of(broken), p => p.Contains("implausibly long", StringComparison.Ordinal));
    }

    [Fact]
    public void An_operator_supplied_configuration_parses_the_same_way()
    {
        using var stream = typeof(DefaultProcessConfiguration).Assembly.GetManifestResourceStream(
            typeof(DefaultProcessConfiguration).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("process.json", StringComparison.Ordinal)))!;
        var text = new StreamReader(stream).ReadToEnd();
        Assert.Equal(Config.Profiles.Count, DefaultProcessConfiguration.Parse(text).Profiles.Count);
    }

    /// <summary>A named unit's decision-maker needs the unit, a configured one; no other rule names one; the client-plan path has no review body.</summary>
    [Fact]
    public void The_signer_unit_and_the_client_plan_path_are_checked_by_place()
    {
        ProcessConfiguration With(Func<ProcessProfile, ProcessProfile> change, string id) =>
            Config with { Profiles = [.. Config.Profiles.Select(p => p.Id == id ? change(p) : p)] };
        Assert.Contains("profiles[espoo].signerUnitId: missing (NamedUnitDecisionMaker names the unit whose decision-maker signs)",
            ConfigurationProblems.Of(With(p => p with { SignerUnitId = null }, Process.Espoo)));
        Assert.Contains("profiles[espoo].signerUnitId: unknown unit espoo-nowhere",
            ConfigurationProblems.Of(With(p => p with { SignerUnitId = "espoo-nowhere" }, Process.Espoo)));
        Assert.Contains("profiles[vantaa-steering-group].signerUnitId: only the signer rule NamedUnitDecisionMaker names a unit (the rule is LeadSocialWorkerOfReferringUnit)",
            ConfigurationProblems.Of(With(p => p with { SignerUnitId = "espoo-social-rehabilitation" }, Process.SteeringGroup)));
        Assert.Contains("profiles[helsinki].servicesInClientPlan: services written into the client plan have no review body step (reviewBodyId is vantaa-steering-group)",
            ConfigurationProblems.Of(With(p => p with { ReviewBodyId = "vantaa-steering-group" }, Process.Helsinki)));
        Assert.Contains("profiles[espoo].jointAssessmentUnitId: unknown unit espoo-nowhere",
            ConfigurationProblems.Of(With(p => p with { JointAssessmentUnitId = "espoo-nowhere" }, Process.Espoo)));
        Assert.DoesNotContain(ConfigurationProblems.Of(Config), problem => problem.Contains("jointAssessmentUnitId", StringComparison.Ordinal));
    }
}
