using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>Every command in every status: accepted or rejected with the expected typed reason, never
/// an exception. Each status is reached by a known event list (History.To).</summary>
public class CommandStateTableTests
{
    private static readonly DateTimeOffset Now = History.Day(40);
    private static readonly DateOnly Recorded = new(2026, 3, 10);

    private static readonly ReferralStatus[] Statuses = Enum.GetValues<ReferralStatus>();

    private static readonly Dictionary<string, Func<ReferralCommand>> Commands = new()
    {
        ["Submit"] = () => Support.Commands.Submit(),
        ["Review"] = () => Support.Commands.Review(ReviewOutcome.Approve),
        ["Supplement"] = () => Support.Commands.Supplement(),
        ["Withdraw"] = () => Support.Commands.Withdraw(),
        ["DraftGranting"] = () => Support.Commands.Draft(),
        ["DraftRefusing"] = () => Support.Commands.Draft(DecisionKind.Refusing),
        ["DraftEnding"] = () => Support.Commands.DraftEnding(new DateOnly(2026, 3, 6)),
        ["DraftChange"] = () => Support.Commands.DraftFollowOn(DecisionKind.Change, new DateOnly(2026, 3, 9), null),
        ["Sign"] = () => Support.Commands.Sign(1),
        ["Return"] = () => Support.Commands.Return(1),
        ["Start"] = () => Support.Commands.Start(History.ServiceStart),
        ["ClientPlan"] = () => Support.Commands.ClientPlan(Recorded),
        ["Interim"] = () => Support.Commands.Interim(Recorded),
        ["Report"] = () => Support.Commands.Report(Recorded),
        ["Esy"] = () => Support.Commands.Measure(Recorded),
        ["Close"] = () => Support.Commands.Close(Recorded),
        ["Attach"] = () => Support.Commands.Attach(),
        ["Notify"] = () => Support.Commands.Notify(global::Referrals.Domain.Decisions.NotificationMethod.Letter, Recorded),
        ["RequestReview"] = () => Support.Commands.RequestReview(Recorded),
        ["DecideReview"] = () => Support.Commands.DecideReview(RequestForReviewOutcome.Upheld, Recorded),
        ["CorrectClient"] = () => Support.Commands.CorrectClient(),
        ["Timer"] = () => Support.Commands.Timer(TimerKind.ReviewOverdue, Now.AddYears(1)),
        ["RehabilitationPlan"] = () => Support.Commands.RehabilitationPlan(Recorded),
        ["ChangeOwner"] = () => Support.Commands.ChangeOwner(),
        ["ServiceInPlan"] = () => Support.Commands.ServiceInPlan(Recorded, Recorded),
        ["JointAssess"] = () => Support.Commands.JointAssess(Recorded),
    };

    // Columns follow ReferralStatus: None, AwaitingReview, AwaitingInformation, AwaitingGrantingDraft,
    // AwaitingRefusingDraft, AwaitingSignature, AwaitingServiceStart, ServiceActive, Refused, Closed,
    // Withdrawn, Redirected, AwaitingChangedDraft. "ok" = accepted; otherwise the RejectionCode. An ending or change
    // decision is drafted on a granted service; after a refusal changed on review, only its new version.
    private const string NS = "NotSubmitted", IS = "InvalidState", RE = "ReferralEnded", DAS = "DecisionAlreadySigned", AS = "AlreadySubmitted",
        NAR = "NotificationAlreadyRecorded", NOR = "NoOpenRequestForReview", DKM = "DecisionKindMismatch", NP = "NotPermitted",
        CPN = "ClientPlanPathNotAvailable", JNA = "JointAssessmentNotAvailable";

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["Submit"] = ["ok", AS, AS, AS, AS, AS, AS, AS, AS, AS, AS, AS, AS],
        ["Review"] = [NS, "ok", IS, IS, IS, IS, IS, IS, RE, RE, RE, RE, IS],
        ["Supplement"] = [NS, IS, "ok", IS, IS, IS, IS, IS, RE, RE, RE, RE, IS],
        ["Withdraw"] = [NS, "ok", "ok", "ok", "ok", "ok", DAS, DAS, RE, RE, RE, RE, DAS],
        ["DraftGranting"] = [NS, IS, IS, "ok", "DecisionKindMismatch", IS, DAS, DAS, DAS, DAS, RE, RE, "ok"],
        ["DraftRefusing"] = [NS, IS, IS, "DecisionKindMismatch", "ok", IS, DAS, DAS, DAS, DAS, RE, RE, "ok"],
        ["DraftEnding"] = [NS, IS, IS, DKM, DKM, IS, "ok", "ok", DAS, DAS, RE, RE, DKM],
        ["DraftChange"] = [NS, IS, IS, DKM, DKM, IS, "ok", "ok", DAS, DAS, RE, RE, DKM],
        ["Sign"] = [NS, IS, IS, IS, IS, "ok", DAS, DAS, DAS, DAS, RE, RE, DAS],
        ["Return"] = [NS, IS, IS, IS, IS, "ok", DAS, DAS, DAS, DAS, RE, RE, DAS],
        ["Start"] = [NS, IS, IS, IS, IS, IS, "ok", IS, RE, RE, RE, RE, IS],
        ["ClientPlan"] = [NS, IS, IS, IS, IS, IS, IS, "ok", RE, RE, RE, RE, IS],
        ["Interim"] = [NS, IS, IS, IS, IS, IS, IS, "ok", RE, RE, RE, RE, IS],
        ["Report"] = [NS, IS, IS, IS, IS, IS, IS, "ok", RE, RE, RE, RE, IS],
        ["Esy"] = [NS, IS, IS, IS, IS, IS, IS, "ok", RE, RE, RE, RE, IS],
        ["Close"] = [NS, IS, IS, IS, IS, IS, "ok", "ok", RE, RE, RE, RE, IS],
        ["Attach"] = [NS, "ok", "ok", "ok", "ok", "ok", "ok", "ok", RE, RE, RE, RE, "ok"],
        // What follows a signed decision (the histories send it by letter on the signing day) goes on after a refusal.
        ["Notify"] = [NS, IS, IS, IS, IS, IS, NAR, NAR, NAR, NAR, IS, IS, NAR],
        ["RequestReview"] = [NS, IS, IS, IS, IS, IS, "ok", "ok", "ok", "ok", IS, IS, "RequestForReviewAlreadyRecorded"],
        ["DecideReview"] = [NS, NOR, NOR, NOR, NOR, NOR, NOR, NOR, NOR, NOR, NOR, NOR, NOR],
        // A correction of the client's details is possible in every state after submission, ended ones too.
        ["CorrectClient"] = [NS, "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
        ["Timer"] = [NS, "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
        // The provider unit acts only once the service started with it as the provider: before that it is no one here.
        ["RehabilitationPlan"] = [NS, NP, NP, NP, NP, NP, NP, "ok", NP, RE, NP, NP, NP],
        // The case owner changes at any step before the referral has ended.
        ["ChangeOwner"] = [NS, "ok", "ok", "ok", "ok", "ok", "ok", "ok", RE, RE, RE, RE, "ok"],
        // Only where the profile writes services into the client plan (Helsinki); the histories run Vantaa's steering group.
        ["ServiceInPlan"] = [NS, CPN, CPN, CPN, CPN, CPN, DAS, DAS, RE, RE, RE, RE, DAS],
        // Only where the profile has the joint assessment step (Espoo); the histories run Vantaa's steering group.
        ["JointAssess"] = [NS, JNA, JNA, JNA, JNA, JNA, DAS, DAS, RE, RE, RE, RE, DAS],
    };

    public static TheoryData<string, ReferralStatus> Cells()
    {
        var data = new TheoryData<string, ReferralStatus>();
        foreach (var command in Commands.Keys)
        foreach (var status in Statuses)
            data.Add(command, status);
        return data;
    }

    [Fact]
    public void The_table_covers_every_command_type_and_status()
    {
        var types = typeof(ReferralCommand).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ReferralCommand)) && !t.IsAbstract);
        Assert.Equal(types.Select(t => t.Name).Order(), Commands.Values.Select(c => c().GetType().Name).Distinct().Order());
        Assert.All(Expected.Values, row => Assert.Equal(Statuses.Length, row.Length));
        Assert.Equal(Commands.Keys.Order(), Expected.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Every_command_in_every_status_is_accepted_or_rejected_as_the_table_says(string command, ReferralStatus status)
    {
        var state = ReferralDecider.Replay(Spec.ReferralId, History.To(status));
        Assert.Equal(status, state.Status);

        var outcome = Process.Decider.Decide(state, Commands[command](), Now);

        var expected = Expected[command][Array.IndexOf(Statuses, status)];
        var actual = outcome switch
        {
            Outcome.Accepted => "ok",
            Outcome.Rejected r => r.Rejection.Code.ToString(),
            _ => "?",
        };
        Assert.Equal(expected, actual);
        if (outcome is Outcome.Accepted accepted)
            Assert.All(accepted.Events, e => Assert.Equal((Now, Commands[command]().By), (e.At, e.By)));
    }

    /// <summary>Auditors and operators read; they never change a referral.</summary>
    [Theory]
    [MemberData(nameof(Cells))]
    public void Auditors_and_operators_may_do_nothing(string command, ReferralStatus status)
    {
        var state = ReferralDecider.Replay(Spec.ReferralId, History.To(status));
        foreach (var actor in new[] { Actors.Auditor, Actors.Operator })
        {
            var outcome = Process.Decider.Decide(state, Commands[command]() with { By = actor }, Now);
            Assert.Equal(RejectionCode.NotPermitted, Assert.IsType<Outcome.Rejected>(outcome).Rejection.Code);
        }
    }

    /// <summary>The right role from the wrong unit (or the wrong role) is turned away in every status
    /// where the referral exists.</summary>
    [Theory]
    [MemberData(nameof(Cells))]
    public void Strangers_are_not_permitted(string command, ReferralStatus status)
    {
        if (status == ReferralStatus.None || command == "Submit") return;
        var state = ReferralDecider.Replay(Spec.ReferralId, History.To(status));
        var strangers = command == "Timer"
            ? new[] { Actors.Worker, Actors.Signer, Actors.SteeringGroupMember, Actors.OtherUnitWorker }
            : [Actors.OtherUnitWorker, Actors.OtherUnitSigner, Actors.SteppiTeamMember, Actors.System,
                Commands[command]().By with { Unit = "somewhere-else" }];
        foreach (var stranger in strangers)
        {
            var outcome = Process.Decider.Decide(state, Commands[command]() with { By = stranger }, Now);
            Assert.Equal(RejectionCode.NotPermitted, Assert.IsType<Outcome.Rejected>(outcome).Rejection.Code);
        }
    }
}
