using System.Net;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Specs;

/// <summary>Espoo's joint assessment over HTTP on the real rules: the first draft waits for it (409 with the reason), the
/// case owner records it naming the counsellor by id, and a profile without the step refuses it (422).</summary>
[Collection(DevServicesCollection.Name)]
public sealed class JointAssessmentHttpSpecs(DevServices devServices)
{
    private static readonly object Draft = new
    {
        kind = "Granting", reasons = "Ryhmätoiminta tukee tavoitteita.", grantedServiceTypeCode = "sr-group-activity",
        start = "2026-03-02", end = "2026-12-31", esyRemeasurementMonth = 6, contactPerson = "Maija Meikäläinen", contactDetails = "09 123 456",
    };

    private Task<HttpSpec> Given(IEnumerable<ReferralEvent> events) => HttpSpec.Given(devServices, events);

    [Fact]
    public async Task Espoos_first_draft_before_the_joint_assessment_is_a_conflict_and_nothing_is_drafted() =>
        await (await Given([History.Submitted(Process.Espoo, "")]))
            .When(Actors.Worker, "decision-draft", Draft)
            .ThenProblem(HttpStatusCode.Conflict, "joint-assessment-missing");

    [Fact]
    public async Task The_case_owner_records_the_joint_assessment_with_the_counsellors_id() =>
        await (await Given([History.Submitted(Process.Espoo, "")]))
            .When(Actors.Worker, "joint-assessment", new { assessedOn = "2026-02-10", counsellorId = "counsellor-7", summary = "Ryhmä sopii." })
            .Then(HttpStatusCode.OK, new JointAssessmentRecorded(new DateOnly(2026, 2, 10), "counsellor-7", "Ryhmä sopii."));

    [Fact]
    public async Task After_the_joint_assessment_the_worker_drafts() =>
        await (await Given(History.EspooAssessed))
            .When(Actors.Worker, "decision-draft", Draft)
            .ThenEvents(HttpStatusCode.OK, events => Assert.IsType<DecisionDrafted>(Assert.Single(events)));

    [Fact]
    public async Task A_profile_without_the_step_refuses_the_joint_assessment() =>
        await (await Given(History.AwaitingGrantingDraft))
            .When(Actors.Worker, "joint-assessment", new { assessedOn = "2026-02-10", counsellorId = "counsellor-7", summary = "Ryhmä sopii." })
            .ThenProblem(HttpStatusCode.UnprocessableEntity, "joint-assessment-not-available");

    [Fact]
    public async Task A_missing_counsellor_is_a_field_error_and_nothing_is_recorded() =>
        await (await Given([History.Submitted(Process.Espoo, "")]))
            .When(Actors.Worker, "joint-assessment", new { assessedOn = "2026-02-10", summary = "Ryhmä sopii." })
            .ThenProblem(HttpStatusCode.BadRequest, "validation");
}
