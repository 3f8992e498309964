using System.Text.Json;
using Referrals.Domain.Common;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Referrals;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Profiles;

/// <summary>Versions: a referral records the version it started under and keeps its rules while that version is loaded;
/// streams from before versions replay as the shipped version. The client's home municipality, the Satakunta profile and
/// the switch of profile on a transfer.</summary>
public class VersionedConfigurationTests
{
    private static readonly ProcessConfiguration Next = ConfigurationVersionProperties.Next;

    private static IReadOnlyList<ReferralEvent> Accepted(Spec spec) => Assert.IsType<Outcome.Accepted>(spec.Outcome).Events;

    [Fact]
    public void A_submission_records_the_version_in_force()
    {
        var host = new ReferralDecider(Next, [Process.Configuration]);
        var submitted = Assert.IsType<ReferralSubmitted>(Assert.Single(Accepted(Spec.Given(host, []).When(Submit(Process.Steppi, service: "sr-group-activity", birth: new DateOnly(1990, 1, 1))))));
        Assert.Equal("2027.1", submitted.ConfigurationVersion);
        Assert.Equal(DefaultProcessConfiguration.Version, Assert.IsType<ReferralSubmitted>(Assert.Single(Accepted(Spec.Given().When(Submit())))).ConfigurationVersion);
    }

    [Fact]
    public void A_stream_from_before_versions_replays_as_the_shipped_version()
    {
        var legacy = JsonSerializer.Serialize<ReferralEvent>(History.Submitted());
        Assert.DoesNotContain("ConfigurationVersion", legacy, StringComparison.Ordinal);
        var state = ReferralDecider.Replay("r", [JsonSerializer.Deserialize<ReferralEvent>(legacy)!]);
        Assert.Equal(DefaultProcessConfiguration.Version, state.ConfigurationVersion);
        Assert.Equal("2026.1", DefaultProcessConfiguration.Version);
        Assert.Equal(DefaultProcessConfiguration.Version, Process.Configuration.Version);
    }

    [Fact]
    public void A_referral_in_flight_keeps_the_rules_of_its_version_while_the_version_is_loaded()
    {
        // Under 2026.1 Steppi grants 3–6 months; 2027.1 allows only 1–2.
        ReferralEvent[] approved =
        [
            History.Submitted(Process.Steppi, Process.SteppiTeam) with { ConfigurationVersion = "2026.1" },
            History.Stamp(new ReferralApproved("Sopii."), 2, Actors.SteppiTeamMember),
        ];
        var fourMonths = Draft(start: new DateOnly(2026, 3, 2), end: new DateOnly(2026, 7, 1), service: "sr-group-activity");
        var host = new ReferralDecider(Next, [Process.Configuration]);
        Accepted(Spec.Given(host, approved).When(fourMonths)); // accepted under its own version
        ReferralEvent[] newer = [((ReferralSubmitted)approved[0]) with { ConfigurationVersion = "2027.1" }, approved[1]];
        Spec.Given(host, newer).When(fourMonths).ThenRejected(RejectionCode.DurationOutOfRange, "1-2");
        // Its deadlines are its version's too.
        Assert.Equal(Process.Decider.Schedule(ReferralDecider.Replay("r", approved)), host.Schedule(ReferralDecider.Replay("r", approved)));
    }

    [Fact]
    public void A_referral_whose_version_is_no_longer_loaded_runs_under_the_version_in_force()
    {
        ReferralEvent[] approved =
        [
            History.Submitted(Process.Steppi, Process.SteppiTeam) with { ConfigurationVersion = "2025.9" },
            History.Stamp(new ReferralApproved("Sopii."), 2, Actors.SteppiTeamMember),
        ];
        var host = new ReferralDecider(Next, [Process.Configuration]);
        Assert.Same(Next, host.ConfigurationOf(ReferralDecider.Replay("r", approved)));
        Spec.Given(host, approved).When(Draft(start: new DateOnly(2026, 3, 2), end: new DateOnly(2026, 7, 1), service: "sr-group-activity"))
            .ThenRejected(RejectionCode.DurationOutOfRange, "1-2");
    }

    [Fact]
    public void The_home_municipality_is_recorded_when_it_is_one_of_the_countys()
    {
        var spec = Spec.Given().When(Submit() with { HomeMunicipality = "245" });
        Assert.Equal("245", Assert.IsType<ReferralSubmitted>(Assert.Single(Accepted(spec))).HomeMunicipality);
        Assert.Equal("245", spec.ThenState().HomeMunicipality);
        Spec.Given().When(Submit() with { HomeMunicipality = "999" }).ThenRejected(RejectionCode.UnknownMunicipality, "999");
        // Pori is Satakunta's, not Vantaa and Kerava's.
        Spec.Given().When(Submit() with { HomeMunicipality = "609" }).ThenRejected(RejectionCode.UnknownMunicipality, "609");
        Spec.Given().When(Submit() with { HomeMunicipality = " " }).ThenRejected(RejectionCode.InvalidInput, "HomeMunicipality");
        Assert.Null(Spec.Given().When(Submit()).ThenState().HomeMunicipality);
    }

    [Fact]
    public void Satakunta_runs_one_regional_steering_group_for_all_its_municipalities_under_its_own_authority()
    {
        var satakunta = Process.Configuration.Profile(Process.Satakunta)!;
        Assert.Equal((Process.SatakuntaSteeringGroup, "satakunta"), (satakunta.ReviewBodyId, satakunta.AuthorityId));
        var municipalities = Process.Configuration.Municipalities.Where(m => m.AuthorityId == "satakunta").Select(m => m.Name.Fi).ToList();
        Assert.Equal(16, municipalities.Count);
        Assert.Contains("Pori", municipalities);
        Assert.Contains("Rauma", municipalities);
        Assert.False(Process.Configuration.AuthorityOf(satakunta)!.Bilingual);
        Assert.Equal("609", Process.Configuration.Unit("satakunta-pori-adult-social-work")!.Municipality);
        Assert.Same(satakunta, Process.Configuration.ProfileRunBy(Process.SatakuntaSteeringGroup));

        var worker = new Actor("worker-s", Role.ReferringWorker, "satakunta-rauma-adult-social-work");
        var spec = Spec.Given().When(Submit(Process.Satakunta, worker) with { HomeMunicipality = "684" });
        var state = spec.ThenState();
        Assert.Equal((ReferralStatus.AwaitingReview, Process.SatakuntaSteeringGroup, "684"), (state.Status, state.ReviewBodyId, state.HomeMunicipality));
        Spec.Given().When(Submit(Process.Satakunta, worker) with { HomeMunicipality = "092" }).ThenRejected(RejectionCode.UnknownMunicipality, "092");
    }

    [Fact]
    public void After_the_transfer_the_steering_group_grants_what_Steppi_could_not()
    {
        ReferralEvent[] queued = [History.Submitted(Process.Steppi, Process.SteppiTeam)];
        var transfer = Spec.Given(queued).When(Review(ReviewOutcome.TransferToSteeringGroup, Actors.SteppiTeamMember));
        ReferralEvent[] approved = [.. queued, .. Accepted(transfer), History.Stamp(new ReferralApproved("Sopii."), 3, Actors.SteeringGroupMember)];
        // A year of counselling: Steppi offers neither the service nor the length.
        var year = Draft(start: new DateOnly(2026, 3, 2), end: new DateOnly(2027, 3, 1), service: "sr-counselling");
        Accepted(Spec.Given(approved).When(year));
        // A transfer recorded before it switched the profile keeps Steppi's rules (the stream replays as written).
        ReferralEvent[] legacy = [.. queued, History.Stamp(new ReferralTransferred(Process.SteeringGroup, "r"), 2, Actors.SteppiTeamMember), approved[^1]];
        Assert.Equal(Process.Steppi, ReferralDecider.Replay("r", legacy).ProfileId);
        Spec.Given(legacy).When(year).ThenRejected(RejectionCode.UnknownServiceType, "sr-counselling");
    }
}
