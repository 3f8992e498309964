using System.Net;
using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Specs;

/// <summary>Drafting, notification, review requests and the follow-up of a granted service, over HTTP on
/// the real rules. The given referrals are History's: signed 6 February 2026, sent by letter that day,
/// service started 2 March 2026.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class DecisionAndFollowUpHttpSpecs(DevServices devServices)
{
    private static readonly DateOnly SentOn = new(2026, 2, 9);

    private Task<HttpSpec> Given(IEnumerable<ReferralEvent> events) => HttpSpec.Given(devServices, events);

    [Fact]
    public async Task The_worker_drafts_the_granting_decision_the_steering_group_called_for() =>
        await (await Given(History.AwaitingGrantingDraft))
            .When(Actors.Worker, "decision-draft", new
            {
                kind = "Granting", reasons = "Asiakkaalla on tarve tavoitteelliseen tukeen.", start = "2026-03-02", end = "2026-12-31",
                esyRemeasurementMonth = 6, contactPerson = "Maija Meikäläinen", contactDetails = "09 123 456",
            })
            .ThenEvents(HttpStatusCode.OK, events =>
            {
                var drafted = Assert.IsType<DecisionDrafted>(Assert.Single(events));
                Assert.Equal(1, drafted.DraftVersion);
                Assert.Equal((DecisionKind.Granting, "sr-everyday-coaching", new DateOnly(2026, 3, 2), new DateOnly(2026, 12, 31), 6, Actors.Worker.UserId),
                    (drafted.Draft.Kind, drafted.Draft.ServiceTypeCode, drafted.Draft.Start, drafted.Draft.End, drafted.Draft.EsyRemeasurementMonth, drafted.Draft.DraftedBy));
                Assert.Equal("Asiakkaalla on tarve tavoitteelliseen tukeen.", drafted.Draft.Reasons);
            });

    [Fact]
    public async Task A_re_measurement_month_outside_six_to_twelve_is_refused_and_nothing_is_drafted() =>
        await (await Given(History.AwaitingGrantingDraft))
            .When(Actors.Worker, "decision-draft", new
            {
                kind = "Granting", reasons = "Tarve.", start = "2026-03-02", end = "2026-12-31",
                esyRemeasurementMonth = 3, contactPerson = "Maija Meikäläinen", contactDetails = "09 123 456",
            })
            .ThenProblem(HttpStatusCode.UnprocessableEntity, "esy-month-out-of-range");

    [Fact]
    public async Task A_granting_draft_after_a_refusing_line_is_refused_and_nothing_is_drafted() =>
        await (await Given(History.AwaitingRefusingDraft))
            .When(Actors.Worker, "decision-draft", new
            {
                kind = "Granting", reasons = "Tarve.", start = "2026-03-02", end = "2026-12-31",
                esyRemeasurementMonth = 6, contactPerson = "Maija Meikäläinen", contactDetails = "09 123 456",
            })
            .ThenProblem(HttpStatusCode.UnprocessableEntity, "decision-kind-mismatch");

    [Fact]
    public async Task A_letter_is_deemed_received_on_the_seventh_day_and_the_review_period_follows() =>
        await (await Given(History.SignedNotNotified))
            .When(Actors.Worker, "decision-notification", new { method = "Letter", sentOn = SentOn })
            // Monday 9 February + 7 days = Monday 16 February; 30 days from then end on Wednesday 18 March.
            .Then(HttpStatusCode.OK, new DecisionNotified(NotificationMethod.Letter, SentOn, new DateOnly(2026, 2, 16), new DateOnly(2026, 3, 18)));

    [Fact]
    public async Task A_second_sending_of_the_same_decision_is_refused_and_changes_nothing() =>
        await (await Given(History.AwaitingServiceStart))
            .When(Actors.Worker, "decision-notification", new { method = "Letter", sentOn = SentOn })
            .ThenProblem(HttpStatusCode.Conflict, "notification-already-recorded");

    [Fact]
    public async Task A_request_for_review_within_the_period_keeps_the_refusal_from_becoming_final() =>
        await (await Given(History.Refused))
            .When(Actors.Worker, "request-for-review", new { receivedOn = "2026-03-10", requester = "Client" })
            .Then(HttpStatusCode.OK, new RequestForReviewReceived(new DateOnly(2026, 3, 10), RequestForReviewBy.Client, InTime: true));

    [Fact]
    public async Task A_request_for_review_after_the_last_day_is_recorded_as_late() =>
        await (await Given(History.Refused))
            .When(Actors.Worker, "request-for-review", new { receivedOn = "2026-03-17", requester = "Client" })
            .Then(HttpStatusCode.OK, new RequestForReviewReceived(new DateOnly(2026, 3, 17), RequestForReviewBy.Client, InTime: false));

    [Fact]
    public async Task The_service_starts_on_its_day_with_its_provider() =>
        await (await Given(History.AwaitingServiceStart))
            .When(Actors.Worker, "service-start", new { startedOn = "2026-03-02", provider = "Palveluntuottaja Oy" })
            .Then(HttpStatusCode.OK, new ServiceStarted(new DateOnly(2026, 3, 2), "Palveluntuottaja Oy"));

    [Fact]
    public async Task A_service_cannot_start_before_its_decision_was_signed() =>
        await (await Given(History.AwaitingServiceStart))
            .When(Actors.Worker, "service-start", new { startedOn = "2026-02-05" })
            .ThenProblem(HttpStatusCode.UnprocessableEntity, "date-out-of-order");

    [Fact]
    public async Task The_client_plan_is_recorded() =>
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "client-plan", new { agreedOn = "2026-03-20" })
            .Then(HttpStatusCode.OK, new ClientPlanRecorded(new DateOnly(2026, 3, 20)));

    [Fact]
    public async Task A_client_plan_dated_before_the_service_started_is_refused_and_changes_nothing() =>
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "client-plan", new { agreedOn = "2026-02-20" })
            .ThenProblem(HttpStatusCode.UnprocessableEntity, "date-out-of-order");

    [Fact]
    public async Task An_interim_evaluation_is_recorded_with_its_notes() =>
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "evaluations", new { heldOn = "2026-06-01", notes = "Päivärytmi on vakiintunut." })
            .Then(HttpStatusCode.OK, new InterimEvaluationRecorded(new DateOnly(2026, 6, 1), "Päivärytmi on vakiintunut."));

    [Fact]
    public async Task The_providers_report_is_recorded() =>
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "provider-reports", new { receivedOn = "2026-06-15", summary = "Osallistunut viikoittain." })
            .Then(HttpStatusCode.OK, new ProviderReportRecorded(new DateOnly(2026, 6, 15), "Osallistunut viikoittain."));

    [Fact]
    public async Task The_service_closes_with_a_summary() =>
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "closure", new { endedOn = "2026-09-30", summary = "Tavoitteet saavutettu.", feedbackCollected = true })
            .Then(HttpStatusCode.OK, new ServiceClosed(new DateOnly(2026, 9, 30), "Tavoitteet saavutettu.", true));

    [Fact]
    public async Task Follow_up_of_another_units_referral_is_not_found_and_changes_nothing() =>
        await (await Given(History.ServiceActive))
            .When(Actors.OtherUnitWorker, "client-plan", new { agreedOn = "2026-03-20" })
            .ThenProblem(HttpStatusCode.NotFound, "not-found");

    [Fact]
    public async Task Follow_up_of_a_referral_still_in_review_is_refused_and_changes_nothing() =>
        await (await Given(History.AwaitingReview))
            .When(Actors.Worker, "evaluations", new { heldOn = "2026-06-01", notes = "n" })
            .ThenProblem(HttpStatusCode.Conflict, "invalid-state");
}
