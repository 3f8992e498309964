using Referrals.Domain.Common;
using Referrals.Domain.Decisions;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Scenarios;

/// <summary>One referral per profile from submission to close, played hour by hour with every timer that
/// comes due fired through Decide. The reminder dates are worked out by hand against the Finnish calendar.</summary>
public class YearLongScenarios
{
    private static void AssertCommon(ClockSimulation run)
    {
        Assert.Equal(ReferralStatus.Closed, run.State.Status);
        Assert.Single(run.Decisions);
        Assert.Empty(run.Decider.Schedule(run.State));
        Assert.Equal(Json.Of(run.State), Json.Of(ReferralDecider.Replay(Spec.ReferralId, run.Events)));
        Assert.Single(run.Events.OfType<DecisionBecameFinal>());
    }

    [Fact]
    public void Vantaa_steering_group_a_year_from_application_to_close()
    {
        var run = new ClockSimulation(Process.Decider)
            .On(2026, 2, 2, 10, Submit(requestedStart: new DateOnly(2026, 4, 9)))
            .On(2026, 2, 17, 14, Review(ReviewOutcome.RequestInformation))
            .On(2026, 3, 4, 10, Supplement())
            .On(2026, 3, 10, 13, Review(ReviewOutcome.Approve))
            .On(2026, 3, 16, 10, Draft(start: new DateOnly(2026, 4, 9), end: new DateOnly(2027, 3, 31), esyMonth: 6))
            .On(2026, 3, 20, 11, Return(1))
            .On(2026, 3, 23, 10, Draft(start: new DateOnly(2026, 4, 9), end: new DateOnly(2027, 3, 31), esyMonth: 6))
            .On(2026, 3, 31, 10, Sign(2))
            .On(2026, 4, 1, 10, Notify(NotificationMethod.Letter, new DateOnly(2026, 4, 1)))
            .On(2026, 4, 9, 10, Start(new DateOnly(2026, 4, 9)))
            .On(2026, 5, 6, 10, ClientPlan(new DateOnly(2026, 5, 6)))
            .On(2026, 6, 15, 10, Report(new DateOnly(2026, 6, 15)))
            .On(2026, 7, 14, 10, Interim(new DateOnly(2026, 7, 14)))
            .On(2026, 10, 14, 13, Measure(new DateOnly(2026, 10, 14)))
            .On(2026, 10, 20, 10, Interim(new DateOnly(2026, 10, 20)))
            .On(2027, 1, 21, 10, Interim(new DateOnly(2027, 1, 21)))
            .On(2027, 3, 31, 14, Close(new DateOnly(2027, 3, 31)))
            .RunUntil(new DateOnly(2027, 4, 30));

        Assert.Equal(
        [
            "ReviewOverdue 2026-02-16 09:00",           // 10 working days from 2 February
            "InformationOverdue 2026-03-03 09:00",      // 10 working days from 17 February
            "SignatureReminder 2026-03-18 09:00",       // draft 1, 2 working days
            "SignatureReminder 2026-03-25 09:00",       // draft 2
            "SignatureEscalation 2026-03-30 09:00",     // draft 2, 5 working days: the deputy
            "ClientPlanDueSoon 2026-05-04 09:00",       // plan due Saturday 9 May -> Monday 11 May; a week before
            "DecisionFinal 2026-05-11 09:00",           // letter 1 April, deemed 8 April (HL § 59) + 30 = Friday 8 May; final Saturday 9 May -> Monday
            "InterimEvaluationDue 2026-07-09 09:00",    // 3 months from the start
            "ProviderReportDue 2026-09-15 09:00",       // 3 months from the provider's report of 15 June; once, as none follows
            "EsyWindowOpens 2026-10-09 09:00",          // month 6
            "InterimEvaluationDue 2026-10-14 09:00",    // 3 months from 14 July
            "InterimEvaluationDue 2027-01-20 09:00",    // 3 months from 20 October
            "ServiceEndApproaching 2027-03-01 09:00",   // 30 days before 31 March 2027
        ], run.Fired);
        AssertCommon(run);
        Assert.Equal(new DateOnly(2026, 5, 9), run.State.DecisionFinalOn);
        Assert.Equal((2, new DateOnly(2026, 3, 31)), (run.State.Decision!.DraftVersion, run.State.Decision.SignedOn));
        Assert.Equal(new DecisionNotification(NotificationMethod.Letter, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 8), new DateOnly(2026, 5, 8)),
            run.State.Notification);
        Assert.Single(run.Messages, m => m.Kind == MessageKind.SignatureEscalated && m.To == new Recipient(RecipientRole.DeputySigner, Actors.Unit));
        Assert.Equal(2, run.Messages.Count(m => m.Kind == MessageKind.SigningRequested));
        Assert.Equal(2, run.Messages.Count(m => m.Kind == MessageKind.ReferralQueued));
    }

    /// <summary>The Steppi team passes the case to the steering group; the referral then runs under the steering group's
    /// profile, so the group grants another service (counselling, which Steppi does not offer) for a year (Steppi allows 3–6
    /// months), with the steering group's deadlines (3-month interim evaluations, 30 days' notice of the end).</summary>
    [Fact]
    public void Vantaa_Steppi_team_passes_to_the_steering_group_which_grants_another_service_for_a_year()
    {
        var run = new ClockSimulation(Process.Decider)
            .On(2026, 8, 3, 10, Submit(Process.Steppi, birth: new DateOnly(1995, 5, 5), requestedStart: new DateOnly(2026, 9, 1)))
            .On(2026, 8, 6, 10, Review(ReviewOutcome.TransferToSteeringGroup, Actors.SteppiTeamMember))
            .On(2026, 8, 24, 10, Review(ReviewOutcome.Approve))
            .On(2026, 8, 25, 10, Draft(start: new DateOnly(2026, 9, 1), end: new DateOnly(2027, 8, 31), esyMonth: 9, service: "sr-counselling"))
            .On(2026, 8, 26, 12, Sign(1))
            .On(2026, 8, 26, 13, Notify(NotificationMethod.Electronic, new DateOnly(2026, 8, 26)))
            .On(2026, 9, 1, 10, Start(new DateOnly(2026, 9, 1)))
            .On(2026, 9, 28, 10, ClientPlan(new DateOnly(2026, 9, 28)))
            .On(2026, 12, 1, 10, Interim(new DateOnly(2026, 12, 1)))
            .On(2027, 3, 1, 10, Interim(new DateOnly(2027, 3, 1)))
            .On(2027, 6, 1, 10, Measure(new DateOnly(2027, 6, 1)))
            .On(2027, 6, 1, 11, Interim(new DateOnly(2027, 6, 1)))
            .On(2027, 8, 31, 10, Close(new DateOnly(2027, 8, 31)))
            .RunUntil(new DateOnly(2027, 9, 30));

        Assert.Equal(
        [
            "ReviewOverdue 2026-08-20 09:00",           // the steering group's 10 working days from the transfer on 6 August (Steppi's 5 would be the 13th)
            "ClientPlanDueSoon 2026-09-24 09:00",       // plan due 1 October, a week before
            "DecisionFinal 2026-09-29 09:00",           // electronic 26 August, deemed Saturday 29 August + 30 = Monday 28 September; final the 29th
            "InterimEvaluationDue 2026-12-01 09:00",    // the steering group's 3 months (Steppi's 2 would be 1 November)
            "ProviderReportDue 2026-12-01 09:00",       // the steering group's 3-month provider-report interval; once, as no report is recorded
            "InterimEvaluationDue 2027-03-01 09:00",
            "InterimEvaluationDue 2027-06-01 09:00",
            "EsyWindowOpens 2027-06-01 09:00",          // month 9
            "ServiceEndApproaching 2027-08-02 09:00",   // 30 days before 31 August: Sunday 1 August -> Monday (Steppi's 14 days would be the 17th)
        ], run.Fired);
        AssertCommon(run);
        Assert.Equal((Process.SteeringGroup, Process.SteeringGroup), (run.State.ReviewBodyId, run.State.ProfileId));
        Assert.Equal("sr-counselling", run.State.Decision!.Draft.ServiceTypeCode);
        var transferred = Assert.Single(run.Events.OfType<ReferralTransferred>());
        Assert.Equal(Process.SteeringGroup, transferred.ToProfileId);
    }

    /// <summary>Espoo's groups: the case owner of adult social work applies; the social-rehabilitation team's group instructor,
    /// who is not of the referring unit, returns and then signs the decision (the profile's named unit's decision-maker). The
    /// case owner and the team's counsellor assess the need together before the draft.</summary>
    [Fact]
    public void Espoo_without_a_review_body_the_teams_group_instructor_decides_and_the_service_runs_a_year()
    {
        var worker = new Actor("worker-e", Role.ReferringWorker, "espoo-adult-social-work");
        var leader = new Actor("instructor-e", Role.Signer, "espoo-social-rehabilitation");
        var run = new ClockSimulation(Process.Decider)
            .On(2026, 11, 2, 10, Submit(Process.Espoo, worker, "sr-group-activity", requestedStart: new DateOnly(2026, 12, 1)))
            .On(2026, 11, 10, 10, JointAssess(new DateOnly(2026, 11, 10), "counsellor-e", worker))
            .On(2026, 11, 17, 10, Draft(by: worker, start: new DateOnly(2026, 12, 1), end: new DateOnly(2027, 11, 30), esyMonth: 9))
            .On(2026, 11, 19, 10, Return(1, leader))
            .On(2026, 11, 20, 10, Draft(by: worker, start: new DateOnly(2026, 12, 1), end: new DateOnly(2027, 11, 30), esyMonth: 9))
            .On(2026, 11, 26, 10, Sign(2, leader))
            .On(2026, 11, 27, 10, Notify(NotificationMethod.InPerson, new DateOnly(2026, 11, 27), worker))
            .On(2026, 12, 2, 10, Start(new DateOnly(2026, 12, 2), worker))
            .On(2026, 12, 30, 10, ClientPlan(new DateOnly(2026, 12, 30), worker))
            .On(2027, 3, 3, 10, Interim(new DateOnly(2027, 3, 3), worker))
            .On(2027, 6, 8, 10, Interim(new DateOnly(2027, 6, 8), worker))
            .On(2027, 9, 9, 10, Interim(new DateOnly(2027, 9, 9), worker))
            .On(2027, 12, 3, 10, Measure(new DateOnly(2027, 12, 3), worker))
            .On(2027, 12, 3, 11, Close(new DateOnly(2027, 12, 3), worker))
            .RunUntil(new DateOnly(2027, 12, 31));

        Assert.Equal(
        [
            "DraftingOverdue 2026-11-16 09:00",         // 10 working days from 2 November
            "SignatureReminder 2026-11-25 09:00",       // draft 2, 3 working days
            "ClientPlanDueSoon 2026-12-28 09:00",       // plan due Saturday 2 January -> Monday 4 January
            "DecisionFinal 2026-12-29 09:00",           // handed over Friday 27 November + 30 = Sunday 27 December -> Monday 28; final Tuesday 29
            "InterimEvaluationDue 2027-03-02 09:00",
            "ProviderReportDue 2027-03-02 09:00",       // the profile's 3-month provider-report interval; once, as no report is recorded
            "InterimEvaluationDue 2027-06-03 09:00",
            "EsyWindowOpens 2027-09-02 09:00",          // month 9
            "InterimEvaluationDue 2027-09-08 09:00",
            "ServiceEndApproaching 2027-11-01 09:00",   // 30 days before 30 November: Sunday -> Monday
            "DecidedEndPassed 2027-12-01 09:00",        // the decided end, 30 November, passed while the service ran: close it or continue
            "EsyOverdue 2027-12-02 09:00",              // a year from the start with no measurement
        ], run.Fired);
        AssertCommon(run);
        Assert.Equal("", run.State.ReviewBodyId);
        Assert.Equal(new DateOnly(2026, 11, 10), run.State.JointAssessedOn);
        Assert.Equal(leader.UserId, run.State.Decision!.SignedBy);
        Assert.Equal(global::Referrals.Domain.Profiles.SignerRule.NamedUnitDecisionMaker, run.State.Decision.SignerRule);
        Assert.DoesNotContain(run.Messages, m => m.To.Role == RecipientRole.ReviewBody);
        Assert.All(run.Messages.Where(m => m.Kind == MessageKind.SigningRequested), m => Assert.Equal(new Recipient(RecipientRole.Signer, "espoo-social-rehabilitation"), m.To));
    }

    /// <summary>Satakunta: one regional steering group for all its municipalities; a Rauma worker applies for a Pori client,
    /// the group approves, the referring unit's lead social worker signs; the purchased service's provider reports every three
    /// months (the case owner records each before its three months are up), so no provider-report reminder fires, and the start within three
    /// months of the application leaves the SHL § 45 start limit silent.</summary>
    [Fact]
    public void Satakunta_regional_steering_group_a_year_from_application_to_close()
    {
        var worker = new Actor("worker-s", Role.ReferringWorker, "satakunta-rauma-adult-social-work");
        var member = new Actor("member-s", Role.ReviewBodyMember, Process.SatakuntaSteeringGroup);
        var leader = new Actor("leader-s", Role.Signer, "satakunta-rauma-adult-social-work");
        var run = new ClockSimulation(Process.Decider)
            .On(2026, 1, 12, 10, Submit(Process.Satakunta, worker, birth: new DateOnly(1996, 3, 3), requestedStart: new DateOnly(2026, 3, 2)) with { HomeMunicipality = "609" })
            .On(2026, 1, 22, 10, Review(ReviewOutcome.Approve, member))
            .On(2026, 1, 26, 10, Draft(by: worker, start: new DateOnly(2026, 3, 2), end: new DateOnly(2027, 2, 28), esyMonth: 8))
            .On(2026, 1, 27, 14, Sign(1, leader))
            .On(2026, 1, 28, 10, Notify(NotificationMethod.Letter, new DateOnly(2026, 1, 28), worker))
            .On(2026, 3, 2, 10, Start(new DateOnly(2026, 3, 2), worker))
            .On(2026, 3, 20, 10, ClientPlan(new DateOnly(2026, 3, 20), worker))
            .On(2026, 6, 1, 10, Interim(new DateOnly(2026, 6, 1), worker))
            .On(2026, 6, 1, 11, Report(new DateOnly(2026, 6, 1), worker))
            .On(2026, 9, 1, 10, Interim(new DateOnly(2026, 9, 1), worker))
            .On(2026, 8, 31, 11, Report(new DateOnly(2026, 8, 31), worker))
            .On(2026, 11, 3, 10, Measure(new DateOnly(2026, 11, 3), worker))
            .On(2026, 12, 1, 10, Interim(new DateOnly(2026, 12, 1), worker))
            .On(2026, 11, 27, 11, Report(new DateOnly(2026, 11, 27), worker))
            .On(2027, 2, 26, 10, Close(new DateOnly(2027, 2, 26), worker))
            .RunUntil(new DateOnly(2027, 3, 31));

        Assert.Equal(
        [
            "DecisionFinal 2026-03-09 09:00",           // letter 28 January, deemed 4 February + 30 = Friday 6 March; final Saturday 7 -> Monday 9
            "InterimEvaluationDue 2026-09-01 09:00",    // 3 months from 1 June
            "EsyWindowOpens 2026-11-02 09:00",          // month 8 from 2 March
            "InterimEvaluationDue 2026-12-01 09:00",    // 3 months from 1 September
            "ServiceEndApproaching 2027-01-29 09:00",   // 30 days before 28 February 2027
        ], run.Fired);
        AssertCommon(run);
        Assert.Equal(("satakunta-steering-group", "609", "satakunta"), (run.State.ReviewBodyId, run.State.HomeMunicipality, run.State.ProfileId));
        Assert.Equal(global::Referrals.Domain.Profiles.SignerRule.LeadSocialWorkerOfReferringUnit, run.State.Decision!.SignerRule);
        Assert.Single(run.Messages, m => m.Kind == MessageKind.ReferralQueued && m.To == new Recipient(RecipientRole.ReviewBody, Process.SatakuntaSteeringGroup));
    }

    /// <summary>Espoo, the case owner decides (SHL § 42): no review body; the case owner drafts and, holding the Signer grant of
    /// the unit, signs their own decision (the signing request comes to them). Mid-year the leader hands the case to another
    /// worker of the unit, and from then on the reminders go to the new owner. The team's group reports every three months, each
    /// recorded by the owner of the day before it is due.</summary>
    [Fact]
    public void Espoo_case_owner_decides_signs_their_own_decision_and_a_new_owner_takes_over_mid_year()
    {
        const string unit = "espoo-adult-social-work";
        var owner = new Actor("worker-o", Role.ReferringWorker, unit);
        var ownerSigning = new Actor("worker-o", Role.Signer, unit);
        var leader = new Actor("leader-o", Role.Signer, unit);
        var next = new Actor("worker-n", Role.ReferringWorker, unit);
        var run = new ClockSimulation(Process.Decider)
            .On(2026, 4, 6, 10, Submit(Process.EspooCaseOwner, owner, "sr-group-activity", requestedStart: new DateOnly(2026, 5, 4)))
            .On(2026, 4, 9, 10, JointAssess(new DateOnly(2026, 4, 9), "counsellor-o", owner))
            .On(2026, 4, 13, 10, Draft(by: owner, start: new DateOnly(2026, 5, 4), end: new DateOnly(2027, 4, 30), esyMonth: 7, service: "sr-group-activity"))
            .On(2026, 4, 14, 10, Sign(1, ownerSigning))
            .On(2026, 4, 14, 11, Notify(NotificationMethod.InPerson, new DateOnly(2026, 4, 14), owner))
            .On(2026, 5, 4, 10, Start(new DateOnly(2026, 5, 4), owner))
            .On(2026, 5, 25, 10, ClientPlan(new DateOnly(2026, 5, 25), owner))
            .On(2026, 8, 3, 10, Interim(new DateOnly(2026, 8, 3), owner))
            .On(2026, 8, 3, 11, Report(new DateOnly(2026, 8, 3), owner))
            .On(2026, 9, 1, 10, ChangeOwner(next.UserId, leader))
            .On(2026, 11, 2, 10, Interim(new DateOnly(2026, 11, 2), next))
            .On(2026, 11, 2, 11, Report(new DateOnly(2026, 11, 2), next))
            .On(2026, 12, 8, 10, Measure(new DateOnly(2026, 12, 8), next))
            .On(2027, 2, 1, 10, Interim(new DateOnly(2027, 2, 1), next))
            .On(2027, 2, 1, 11, Report(new DateOnly(2027, 2, 1), next))
            .On(2027, 4, 30, 10, Close(new DateOnly(2027, 4, 30), next))
            .RunUntil(new DateOnly(2027, 5, 31));

        Assert.Equal(
        [
            "DecisionFinal 2026-05-18 09:00",           // handed over 14 April + 30 = Thursday 14 May (Ascension Day) -> Friday 15; final Saturday 16 -> Monday 18
            "EsyWindowOpens 2026-12-04 09:00",          // month 7 from 4 May: to the new owner
            "ServiceEndApproaching 2027-03-31 09:00",   // 30 days before 30 April 2027: to the new owner
        ], run.Fired);
        AssertCommon(run);
        Assert.Equal(("", next.UserId), (run.State.ReviewBodyId, run.State.CaseOwner));
        Assert.Equal((owner.UserId, global::Referrals.Domain.Profiles.SignerRule.CaseOwner), (run.State.Decision!.SignedBy, run.State.Decision.SignerRule));
        Assert.Equal(new Recipient(RecipientRole.CaseOwner, owner.UserId), Assert.Single(run.Messages, m => m.Kind == MessageKind.SigningRequested).To);
        var changedAt = run.Events.OfType<CaseOwnerChanged>().Single().At;
        var reminders = run.Messages.Where(m => m.Kind == MessageKind.Reminder).ToList();
        Assert.DoesNotContain(reminders, m => m.To == new Recipient(RecipientRole.CaseOwner, owner.UserId));
        // Every reminder raised after the change goes to the new owner.
        var raisedAfter = run.Events.OfType<ReminderRaised>().Count(e => e.At > changedAt);
        Assert.True(raisedAfter > 0);
        Assert.Equal(raisedAfter, reminders.Count(m => m.To == new Recipient(RecipientRole.CaseOwner, next.UserId)));
    }

    /// <summary>Helsinki: no separate § 17 decision; the case owner writes the service into the client plan with the client,
    /// the service starts and runs its year with the plan's ESY month and end, and closes. No decision, no review period.</summary>
    [Fact]
    public void Helsinki_the_service_is_written_into_the_client_plan_and_runs_a_year()
    {
        var worker = new Actor("worker-h", Role.ReferringWorker, "helsinki-adult-social-work");
        var run = new ClockSimulation(Process.Decider)
            .On(2026, 9, 7, 10, Submit(Process.Helsinki, worker, "sr-everyday-coaching", requestedStart: new DateOnly(2026, 10, 1)) with { HomeMunicipality = "091" })
            .On(2026, 9, 15, 10, ServiceInPlan(new DateOnly(2026, 9, 15), new DateOnly(2026, 10, 1), new DateOnly(2027, 9, 30), esyMonth: 6, by: worker))
            .On(2026, 10, 1, 10, Start(new DateOnly(2026, 10, 1), worker))
            .On(2026, 12, 29, 10, Interim(new DateOnly(2026, 12, 29), worker))
            .On(2027, 3, 30, 10, Interim(new DateOnly(2027, 3, 30), worker))
            .On(2027, 4, 6, 10, Measure(new DateOnly(2027, 4, 6), worker))
            .On(2027, 6, 29, 10, Interim(new DateOnly(2027, 6, 29), worker))
            .On(2027, 9, 30, 10, Close(new DateOnly(2027, 9, 30), worker))
            .RunUntil(new DateOnly(2027, 10, 31));

        Assert.Equal(
        [
            "ProviderReportDue 2027-01-04 09:00",       // 3 months from 1 October: New Year's Day, a Friday -> Monday 4 January; once, as no report is recorded
            "InterimEvaluationDue 2027-03-30 09:00",    // 3 months from 29 December: Easter Monday 29 March -> Tuesday 30
            "EsyWindowOpens 2027-04-01 09:00",          // the plan's month 6 from 1 October
            "ServiceEndApproaching 2027-08-31 09:00",   // 30 days before the plan's end, 30 September 2027
            "InterimEvaluationDue 2027-09-29 09:00",    // 3 months from 29 June
        ], run.Fired);
        Assert.Equal(ReferralStatus.Closed, run.State.Status);
        Assert.Null(run.State.Decision);
        Assert.Empty(run.Decider.Schedule(run.State));
        Assert.True(run.State.IsSettled);
        Assert.Equal(Json.Of(run.State), Json.Of(ReferralDecider.Replay(Spec.ReferralId, run.Events)));
        Assert.DoesNotContain(run.Messages, m => m.Kind is MessageKind.SigningRequested or MessageKind.DecisionAvailable);
        Assert.Equal(new DateOnly(2026, 9, 15), run.State.ClientPlanOn);
    }
}
