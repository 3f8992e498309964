using System.Collections.Immutable;
using Referrals.Domain.Common;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>vastuutyöntekijän vaihto (SHL § 42): who may change the case owner, and that what follows goes to the new one.</summary>
public class CaseOwnerChangeSpecs
{
    private static readonly Actor NewOwner = new("worker-3", Role.ReferringWorker, Actors.Unit);
    private static readonly Actor OtherWorkerOfTheUnit = new("worker-4", Role.ReferringWorker, Actors.Unit);

    [Fact]
    public void The_current_case_owner_hands_the_referral_over_with_a_reason()
    {
        var spec = Spec.Given(History.ServiceActive).When(ChangeOwner());
        spec.Then(new CaseOwnerChanged(Actors.Worker.UserId, NewOwner.UserId, "Vastuutyöntekijä vaihtuu tiimin sisällä."));
        Assert.Equal(NewOwner.UserId, spec.ThenState().CaseOwner);
    }

    [Fact]
    public void The_units_signer_changes_the_case_owner()
    {
        var spec = Spec.Given(History.AwaitingReview).When(ChangeOwner(by: Actors.Signer));
        spec.Then(new CaseOwnerChanged(Actors.Worker.UserId, NewOwner.UserId, "Vastuutyöntekijä vaihtuu tiimin sisällä."));
    }

    [Fact]
    public void Another_worker_of_the_unit_is_told_only_the_case_owner_or_the_leader_may_and_strangers_are_not_permitted()
    {
        var rejection = Spec.Given(History.ServiceActive).When(ChangeOwner(by: OtherWorkerOfTheUnit)).ThenRejected(RejectionCode.NotTheCaseOwner);
        Assert.Contains("vastuutyöntekijä", rejection.Message("fi"), StringComparison.Ordinal);
        Assert.Contains("ansvariga arbetstagare", rejection.Message("sv"), StringComparison.Ordinal);
        Spec.Given(History.ServiceActive).When(ChangeOwner(by: Actors.OtherUnitSigner)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.ServiceActive).When(ChangeOwner(by: Actors.OtherUnitWorker)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.ServiceActive).When(ChangeOwner(by: Actors.SteeringGroupMember)).ThenRejected(RejectionCode.NotPermitted);
    }

    [Fact]
    public void The_new_owner_must_be_someone_else_named_by_an_id_and_the_reason_is_required()
    {
        Spec.Given(History.ServiceActive).When(ChangeOwner(Actors.Worker.UserId)).ThenRejected(RejectionCode.InvalidInput);
        Spec.Given(History.ServiceActive).When(ChangeOwner("")).ThenRejected(RejectionCode.InvalidInput, "NewOwner");
        Spec.Given(History.ServiceActive).When(ChangeOwner("010594Y9021")).ThenRejected(RejectionCode.PersonalIdentityCodeNotAllowed, "NewOwner");
        Spec.Given(History.ServiceActive).When(ChangeOwner() with { Reason = " " }).ThenRejected(RejectionCode.InvalidInput, "Reason");
        Spec.Given(History.ServiceActive).When(ChangeOwner() with { Reason = new string('x', Limits.MaxText + 1) }).ThenRejected(RejectionCode.InvalidInput);
    }

    [Fact]
    public void An_ended_referral_keeps_its_case_owner()
    {
        Spec.Given(History.To(ReferralStatus.Closed)).When(ChangeOwner()).ThenRejected(RejectionCode.ReferralEnded);
    }

    [Fact]
    public void After_the_change_the_reminders_and_mails_to_the_case_owner_go_to_the_new_owner_and_only_they_hand_over_again()
    {
        ReferralEvent[] changed = [.. History.ServiceActive,
            History.Stamp(new CaseOwnerChanged(Actors.Worker.UserId, NewOwner.UserId, "r"), 31, Actors.Worker)];
        var state = ReferralDecider.Replay(Spec.ReferralId, changed);
        var reminder = new ReminderRaised(TimerKind.ClientPlanDueSoon, History.Day(40)) { At = History.Day(40), By = Actors.System };
        var message = Assert.Single(Process.Decider.Notify(state, [reminder]));
        Assert.Equal(new Recipient(RecipientRole.CaseOwner, NewOwner.UserId), message.To);
        Spec.Given(changed).When(ChangeOwner("worker-5", Actors.Worker)).ThenRejected(RejectionCode.NotTheCaseOwner);
        Spec.Given(changed).When(ChangeOwner("worker-5", NewOwner)).Then(new CaseOwnerChanged(NewOwner.UserId, "worker-5", "Vastuutyöntekijä vaihtuu tiimin sisällä."));
    }

    [Fact]
    public void Where_the_case_owner_decides_the_new_owner_signs_and_the_former_owner_no_longer_does()
    {
        ReferralEvent[] events = [.. SignerRuleSpecs.AwaitingSignature(Process.EspooCaseOwner),
            History.Stamp(new CaseOwnerChanged("worker-e", "worker-g", "r"), 4, new Actor("worker-e", Role.ReferringWorker, "espoo-adult-social-work"))];
        var state = ReferralDecider.Replay(Spec.ReferralId, events);
        Spec.Given(events).When(Sign(1, new Actor("worker-e", Role.Signer, "espoo-adult-social-work"))).ThenRejected(RejectionCode.NotTheDecisionMaker);
        Assert.IsType<Outcome.Accepted>(Spec.Given(events).When(Sign(1, new Actor("worker-g", Role.Signer, "espoo-adult-social-work"))).Outcome);
        // A returned draft's notice goes to the new owner too.
        var returned = new DecisionReturned(1, "c") { At = History.Day(5), By = new Actor("worker-g", Role.Signer, "espoo-adult-social-work") };
        Assert.Equal(new Recipient(RecipientRole.CaseOwner, "worker-g"), Assert.Single(Process.Decider.Notify(state, [returned])).To);
    }
}
