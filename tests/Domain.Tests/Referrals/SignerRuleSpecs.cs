using System.Collections.Immutable;
using Referrals.Domain.Common;
using Referrals.Domain.Decisions;
using Referrals.Domain.Notifications;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>päätöksentekijä: the profile's signer rule says who signs (and returns) the decision, the decision names the
/// rule, and the signing request goes to whoever the rule names.</summary>
public class SignerRuleSpecs
{
    private const string EspooUnit = "espoo-adult-social-work";
    private const string Team = "espoo-social-rehabilitation";
    private static readonly Actor EspooWorker = new("worker-e", Role.ReferringWorker, EspooUnit);
    private static readonly Actor EspooLeader = new("leader-e", Role.Signer, EspooUnit);
    private static readonly Actor TeamInstructor = new("instructor-t", Role.Signer, Team);
    private static readonly Actor OwnerAsSigner = new("worker-e", Role.Signer, EspooUnit);
    private static readonly Actor OtherWorkerAsSigner = new("worker-f", Role.Signer, EspooUnit);

    /// <summary>A referral of Espoo's adult social work under <paramref name="profile"/> (no review body), drafted by its case owner.</summary>
    internal static ReferralEvent[] AwaitingSignature(string profile) =>
    [
        History.Stamp(new ReferralSubmitted(profile, "", "client-1", new DateOnly(1990, 5, 5), "sr-group-activity",
            "Asiakas tarvitsee ryhmätoimintaa.", ImmutableList.Create("Ryhmään osallistuminen"), History.RequestedStart, null), 0, EspooWorker),
        History.Stamp(new DecisionDrafted(1, History.GrantingDraft with { ServiceTypeCode = "sr-group-activity", DraftedBy = EspooWorker.UserId }), 3, EspooWorker),
    ];

    private static DecisionSigned Signed(Spec spec) =>
        Assert.IsType<DecisionSigned>(Assert.Single(Assert.IsType<Outcome.Accepted>(spec.Outcome).Events));

    [Fact]
    public void Lead_social_worker_of_the_referring_unit_signs_and_a_signer_of_another_unit_is_not_permitted()
    {
        Assert.Equal(SignerRule.LeadSocialWorkerOfReferringUnit, Signed(Spec.Given(History.AwaitingSignature).When(Sign(1))).SignerRule);
        Spec.Given(History.AwaitingSignature).When(Sign(1, Actors.OtherUnitSigner)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.AwaitingSignature).When(Return(1, Actors.OtherUnitSigner)).ThenRejected(RejectionCode.NotPermitted);
    }

    [Fact]
    public void Group_leader_of_the_referring_unit_signs_where_the_profile_says_so()
    {
        var config = Process.Configuration with
        {
            Profiles = [.. Process.Configuration.Profiles.Select(p => p.Id == Process.Espoo ? p with { Signer = SignerRule.GroupLeaderOfReferringUnit, SignerUnitId = null } : p)],
        };
        Assert.Empty(ConfigurationProblems.Of(config));
        var decider = new ReferralDecider(config);
        Assert.Equal(SignerRule.GroupLeaderOfReferringUnit,
            Signed(Spec.Given(decider, AwaitingSignature(Process.Espoo)).When(Sign(1, EspooLeader))).SignerRule);
        Spec.Given(decider, AwaitingSignature(Process.Espoo)).When(Sign(1, TeamInstructor)).ThenRejected(RejectionCode.NotPermitted);
    }

    [Fact]
    public void In_Espoo_the_social_rehabilitation_teams_decision_maker_signs_though_not_of_the_referring_unit()
    {
        var signed = Signed(Spec.Given(AwaitingSignature(Process.Espoo)).When(Sign(1, TeamInstructor)));
        Assert.Equal(SignerRule.NamedUnitDecisionMaker, signed.SignerRule);
        Spec.Given(AwaitingSignature(Process.Espoo)).When(Return(1, TeamInstructor)).Then(new DecisionReturned(1, "Tarkenna perusteluja."));
    }

    [Fact]
    public void In_Espoo_the_referring_units_leader_is_told_that_the_team_decides()
    {
        var rejection = Spec.Given(AwaitingSignature(Process.Espoo)).When(Sign(1, EspooLeader))
            .ThenRejected(RejectionCode.NotTheDecisionMaker, $"NamedUnitDecisionMaker@{Team}");
        Assert.Contains("päätöksentekijä", rejection.Message("fi"), StringComparison.Ordinal);
        Assert.Contains("beslutsfattare", rejection.Message("sv"), StringComparison.Ordinal);
        Spec.Given(AwaitingSignature(Process.Espoo)).When(Sign(1, EspooWorker)).ThenRejected(RejectionCode.NotPermitted);
    }

    [Fact]
    public void Where_the_case_owner_decides_the_case_owner_with_the_signer_grant_signs_their_own_decision()
    {
        var signed = Signed(Spec.Given(AwaitingSignature(Process.EspooCaseOwner)).When(Sign(1, OwnerAsSigner)));
        Assert.Equal(SignerRule.CaseOwner, signed.SignerRule);
        Assert.Equal(OwnerAsSigner.UserId, Spec.Given(AwaitingSignature(Process.EspooCaseOwner)).When(Sign(1, OwnerAsSigner)).ThenState().Decision!.SignedBy);
    }

    [Fact]
    public void Where_the_case_owner_decides_the_units_leader_and_another_worker_are_refused_and_the_owner_without_the_grant_is_not_permitted()
    {
        Spec.Given(AwaitingSignature(Process.EspooCaseOwner)).When(Sign(1, EspooLeader))
            .ThenRejected(RejectionCode.NotTheDecisionMaker, $"CaseOwner@{EspooUnit}");
        Spec.Given(AwaitingSignature(Process.EspooCaseOwner)).When(Sign(1, OtherWorkerAsSigner))
            .ThenRejected(RejectionCode.NotTheDecisionMaker, $"CaseOwner@{EspooUnit}");
        // The case owner acting only as a worker (no Signer grant in the unit) cannot sign.
        Spec.Given(AwaitingSignature(Process.EspooCaseOwner)).When(Sign(1, EspooWorker)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(AwaitingSignature(Process.EspooCaseOwner)).When(Sign(1, TeamInstructor)).ThenRejected(RejectionCode.NotPermitted);
    }

    [Fact]
    public void The_signing_request_goes_to_whoever_the_rule_names()
    {
        static OutgoingMessage Request(string profile)
        {
            var events = AwaitingSignature(profile);
            var state = ReferralDecider.Replay(Spec.ReferralId, events);
            return Assert.Single(Process.Decider.Notify(state, [events[^1]]));
        }
        var team = Request(Process.Espoo);
        Assert.Equal((MessageKind.SigningRequested, new Recipient(RecipientRole.Signer, Team)), (team.Kind, team.To));
        Assert.Equal(Team, team.Parameters["signerUnit"]);
        var owner = Request(Process.EspooCaseOwner);
        Assert.Equal((MessageKind.SigningRequested, new Recipient(RecipientRole.CaseOwner, EspooWorker.UserId)), (owner.Kind, owner.To));
        Assert.Equal(EspooUnit, owner.Parameters["signerUnit"]);
        var vantaa = Assert.Single(Process.Decider.Notify(ReferralDecider.Replay(Spec.ReferralId, History.AwaitingSignature), [History.AwaitingSignature[^1]]));
        Assert.Equal(new Recipient(RecipientRole.Signer, Actors.Unit), vantaa.To);
        Assert.False(vantaa.Parameters.ContainsKey("signerUnit"));
    }

    [Theory]
    [InlineData(Process.SteeringGroup, "fi", "Päätöksen tekee lähettävän yksikön johtava sosiaalityöntekijä hyvinvointialueen hallintosäännössä hänelle annetun ratkaisuvallan nojalla.")]
    [InlineData(Process.SteeringGroup, "sv", "Beslutet fattas av den remitterande enhetens ledande socialarbetare med stöd av den beslutanderätt som välfärdsområdets förvaltningsstadga ger hen.")]
    [InlineData(Process.Espoo, "fi", "Päätöksen tekee nimetyn yksikön päätöksentekijä (Sosiaalisen kuntoutuksen tiimi, Espoo) hyvinvointialueen hallintosäännössä")]
    [InlineData(Process.Espoo, "sv", "Beslutet fattas av beslutsfattaren vid den namngivna enheten (Teamet för social rehabilitering, Esbo) med stöd av")]
    [InlineData(Process.EspooCaseOwner, "fi", "Päätöksen tekee asiakkaan vastuutyöntekijä (sosiaalihuoltolaki 42 §) hyvinvointialueen hallintosäännössä")]
    [InlineData(Process.EspooCaseOwner, "sv", "Beslutet fattas av klientens ansvariga arbetstagare (socialvårdslagen 42 §) med stöd av")]
    public void The_decision_names_the_rule_it_is_made_under_in_the_clients_language(string profile, string language, string expected)
    {
        var events = profile == Process.SteeringGroup ? History.AwaitingSignature : AwaitingSignature(profile);
        var signer = profile switch { Process.Espoo => TeamInstructor, Process.EspooCaseOwner => OwnerAsSigner, _ => Actors.Signer };
        var client = new DecisionClient("Maija Meikäläinen", "010594Y9021",
            language == "sv" ? global::Referrals.Domain.Clients.ClientLanguage.Sv : global::Referrals.Domain.Clients.ClientLanguage.Fi);
        var spec = Spec.Given(events).When(Sign(1, signer) with { Client = client, SignerName = "Liisa Virtanen", SignerTitle = "ryhmänohjaaja" });
        var signed = Signed(spec);
        var content = DecisionContents.ForSigned(Process.Configuration, spec.ThenState(), client);
        var html = DecisionDocument.Render(content);
        Assert.Contains("data-element=\"signer-rule\"", html, StringComparison.Ordinal);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        // The hash in the event is of this document, rule line included.
        Assert.Equal(DecisionDocument.Sha256Hex(content), signed.DocumentSha256);
        // The draft the signer reads names the rule too.
        Assert.Contains(expected, DecisionDocument.Render(DecisionContents.ForDraft(Process.Configuration, spec.State, client)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_signed_before_the_rule_was_named_renders_without_the_line_so_its_hash_holds()
    {
        var state = ReferralDecider.Replay(Spec.ReferralId, History.SignedNotNotified);
        Assert.Null(state.Decision!.SignerRule);
        Assert.DoesNotContain("signer-rule", DecisionDocument.Render(DecisionContents.ForSigned(Process.Configuration, state, null)), StringComparison.Ordinal);
    }
}
