using Referrals.Domain.Common;
using Referrals.Domain.Notifications;
using Referrals.Domain.Profiles;
using Referrals.Domain.Scheduling;

namespace Referrals.Domain.Referrals;

/// <summary>The whole process of a referral as four pure functions over data:
/// Decide (all business rules), Evolve (fold events), Schedule (due timers derived from state),
/// Notify (messages to send). Time comes in as an argument; nothing here reads the clock.</summary>
public sealed class ReferralDecider
{
    private readonly Dictionary<string, ProcessConfiguration> versions = new(StringComparer.Ordinal);

    public ReferralDecider(ProcessConfiguration configuration) : this(configuration, []) { }

    /// <summary>A decider over the configuration in force (<paramref name="current"/>: new referrals start under it)
    /// and the earlier versions still loaded, under which the referrals that started with them run to their end.</summary>
    public ReferralDecider(ProcessConfiguration current, IEnumerable<ProcessConfiguration> earlier)
    {
        Configuration = current;
        foreach (var version in earlier) versions.TryAdd(version.Version ?? "", version);
        versions[current.Version ?? ""] = current;
    }

    /// <summary>The configuration in force: new referrals start under it.</summary>
    public ProcessConfiguration Configuration { get; }

    /// <summary>The versions loaded (the one in force and the earlier ones kept for referrals in flight).</summary>
    public IReadOnlyCollection<ProcessConfiguration> Versions => versions.Values;

    /// <summary>The rules a referral runs under: the version it started under when that version is loaded, else the
    /// one in force (documented in docs/process-configuration.md, "Versions").</summary>
    public ProcessConfiguration ConfigurationOf(ReferralState state) =>
        state is not null && state.Status != ReferralStatus.None && versions.TryGetValue(state.ConfigurationVersion ?? "", out var own)
            ? own : Configuration;

    /// <summary>Accept (events stamped with the actor and <paramref name="now"/>) or reject. Never throws.
    /// The checks run in a fixed order so that the answer is predictable: the command's shape and the
    /// actor, existence, who may act, the fields, where the referral is, then the business rules.</summary>
    public Outcome Decide(ReferralState state, ReferralCommand command, DateTimeOffset now)
    {
        if (state is null) return Outcome.Reject(RejectionCode.InvalidInput, "state");
        if (command is null) return Outcome.Reject(RejectionCode.InvalidInput, "command");
        if (Input.Actor(command.By) is { } badActor) return badActor;
        if (!Input.IsSaneInstant(now)) return Outcome.Reject(RejectionCode.InvalidInput, "now");
        if (command.By.Role is Role.Auditor or Role.Operator || !Enum.IsDefined(command.By.Role))
            return Outcome.Reject(RejectionCode.NotPermitted, command.By.Role.ToString());

        var context = new DecisionContext(ConfigurationOf(state), state, command.By, now);
        if (command is SubmitReferral submit)
            return state.Status == ReferralStatus.None
                ? Submission.Decide(context, submit)
                : Outcome.Reject(RejectionCode.AlreadySubmitted);
        if (state.Status == ReferralStatus.None) return Outcome.Reject(RejectionCode.NotSubmitted);

        return command switch
        {
            ReviewReferral c => Review.Decide(context, c),
            SupplementInformation c => Review.Supplement(context, c),
            WithdrawReferral c => Review.Withdraw(context, c),
            DraftDecision c => Drafting.Draft(context, c),
            SignDecision c => Signing.Sign(context, c),
            ReturnDecision c => Signing.Return(context, c),
            StartService c => FollowUp.Start(context, c),
            RecordClientPlan c => FollowUp.ClientPlan(context, c),
            RecordInterimEvaluation c => FollowUp.InterimEvaluation(context, c),
            RecordProviderReport c => ServiceProvision.ProviderReport(context, c),
            RecordEsyMeasurement c => FollowUp.EsyMeasurement(context, c),
            CloseService c => FollowUp.Close(context, c),
            RecordAttachment c => Attachments.Record(context, c),
            RecordNotification c => NotificationAndReview.Notify(context, c),
            RecordRequestForReview c => NotificationAndReview.RequestReview(context, c),
            RecordRequestForReviewDecision c => NotificationAndReview.DecideReview(context, c),
            CorrectClientRecord c => ClientRecordCorrection.Correct(context, c),
            TimerElapsed c => Timers.Decide(context, c, Schedule(state)),
            RecordRehabilitationPlan c => ServiceProvision.RehabilitationPlan(context, c),
            ChangeCaseOwner c => CaseOwnerChange.Change(context, c),
            RecordServiceInClientPlan c => ServiceInClientPlan.Record(context, c),
            RecordJointAssessment c => JointAssessment.Record(context, c),
            _ => Outcome.Reject(RejectionCode.InvalidInput, command.GetType().Name),
        };
    }

    /// <summary>Applies one event. Total: an event that does not fit the state (which Decide never
    /// produces) only advances the version, so a stored stream always replays.</summary>
    public static ReferralState Evolve(ReferralState state, ReferralEvent @event) => ReferralEvolution.Apply(state, @event);

    public static ReferralState Replay(string id, IEnumerable<ReferralEvent> events) =>
        events.Aggregate(ReferralState.Initial with { Id = id }, Evolve);

    /// <summary>Every timer not yet raised (due in the past or later), derived from state alone.</summary>
    public IReadOnlyList<DueTimer> Schedule(ReferralState state) => ReferralSchedule.For(ConfigurationOf(state), state);

    /// <summary>The messages that the events just appended call for; <paramref name="state"/> is the
    /// state after those events.</summary>
    public IReadOnlyList<OutgoingMessage> Notify(ReferralState state, IReadOnlyList<ReferralEvent> events) =>
        ReferralNotifications.For(state, events, state is null ? null : ConfigurationOf(state).Profile(state.ProfileId));
}
