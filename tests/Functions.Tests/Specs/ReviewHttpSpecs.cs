using System.Net;
using Referrals.Domain.Calendar;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Specs;

/// <summary>The review body's line and the referring worker's answers to it, over HTTP on the real rules.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ReviewHttpSpecs(DevServices devServices)
{
    private Task<HttpSpec> Given(IEnumerable<ReferralEvent> events) => HttpSpec.Given(devServices, events);

    [Fact]
    public async Task The_steering_group_approves_a_referral_in_its_queue() =>
        await (await Given(History.AwaitingReview))
            .When(Actors.SteeringGroupMember, "review", new { outcome = "Approve", reasons = "Tarve on selvä." }, ifMatch: "\"1\"")
            .Then(HttpStatusCode.OK, new ReferralApproved("Tarve on selvä."));

    [Fact]
    public async Task The_steering_group_refuses_and_the_referral_waits_for_a_refusing_decision() =>
        await (await Given(History.AwaitingReview))
            .When(Actors.SteeringGroupMember, "review", new { outcome = "Refuse", reasons = "Muu palvelu sopii paremmin." })
            .Then(HttpStatusCode.OK, new ReferralRefused("Muu palvelu sopii paremmin."));

    [Fact]
    public async Task A_question_to_the_worker_is_due_in_ten_working_days() =>
        await (await Given(History.AwaitingReview))
            .When(Actors.SteeringGroupMember, "review", new { outcome = "RequestInformation", reasons = "Mikä on asumistilanne?" })
            .Then(HttpStatusCode.OK, new InformationRequested("Mikä on asumistilanne?",
                FinnishCalendar.AddWorkingDays(FinnishCalendar.DateIn(DateTimeOffset.UtcNow), 10)));

    [Fact]
    public async Task A_redirect_names_the_other_service_and_leaves_a_refusing_decision_to_draft() =>
        await (await Given(History.AwaitingReview))
            .When(Actors.SteeringGroupMember, "review", new { outcome = "Redirect", reasons = "Työkokeilu sopii paremmin.", redirectTo = "Työkokeilu" })
            .Then(HttpStatusCode.OK, new ReferralRedirectedForRefusal("Työkokeilu", "Työkokeilu sopii paremmin."));

    [Fact]
    public async Task The_worker_answers_the_question_and_the_referral_queues_again() =>
        await (await Given(History.AwaitingInformation))
            .When(Actors.Worker, "information", new { text = "Asuu tukiasunnossa." })
            .Then(HttpStatusCode.OK, new InformationSupplemented("Asuu tukiasunnossa."));

    [Fact]
    public async Task The_worker_withdraws_a_referral_that_waits_for_review() =>
        await (await Given(History.AwaitingReview))
            .When(Actors.Worker, "withdrawal", new { reason = "Asiakas muutti toiselle paikkakunnalle." })
            .Then(HttpStatusCode.OK, new ReferralWithdrawn("Asiakas muutti toiselle paikkakunnalle."));

    /// <summary>The line moves the referral out of the body's queue, so the member no longer reaches it; the
    /// retry of a line whose answer was lost still gets that answer, and records nothing twice.</summary>
    [Fact]
    public async Task A_line_sent_again_after_its_answer_was_lost_gets_the_first_answer() =>
        await (await Given(History.AwaitingReview))
            .When(Actors.SteeringGroupMember, "review", new { outcome = "Approve", reasons = "Tarve on selvä." }, ifMatch: "\"1\"")
            .ThenARetryGetsTheFirstAnswer(HttpStatusCode.OK, new ReferralApproved("Tarve on selvä."));

    [Fact]
    public async Task A_line_on_a_version_the_member_has_not_seen_changes_nothing() =>
        await (await Given(History.AwaitingReview))
            .When(Actors.SteeringGroupMember, "review", new { outcome = "Approve", reasons = "Tarve on selvä." }, ifMatch: "\"7\"")
            .ThenProblem(HttpStatusCode.PreconditionFailed, "precondition-failed");

    [Fact]
    public async Task An_answer_when_no_question_is_open_is_refused_and_changes_nothing() =>
        await (await Given(History.AwaitingReview))
            .When(Actors.Worker, "information", new { text = "Asuu tukiasunnossa." })
            .ThenProblem(HttpStatusCode.Conflict, "invalid-state");

    [Fact]
    public async Task A_line_without_reasons_is_a_bad_request_and_changes_nothing() =>
        await (await Given(History.AwaitingReview))
            .When(Actors.SteeringGroupMember, "review", new { outcome = "Approve" })
            .ThenProblem(HttpStatusCode.BadRequest, "validation");
}
