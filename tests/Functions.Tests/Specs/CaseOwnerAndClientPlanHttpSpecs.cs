using System.Collections.Immutable;
using System.Net;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Specs;

/// <summary>The case owner change (SHL § 42), Helsinki's service written into the client plan and the provider unit named at
/// the service start, over HTTP on the real rules.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class CaseOwnerAndClientPlanHttpSpecs(DevServices devServices)
{
    private const string Reason = "Vastuutyöntekijä vaihtuu tiimin sisällä.";
    private static readonly Actor HelsinkiWorker = new("worker-h", Role.ReferringWorker, "helsinki-adult-social-work");
    private static readonly DateOnly AgreedOn = new(2026, 2, 16), Start = new(2026, 3, 2);

    private static readonly ReferralEvent[] HelsinkiSubmitted =
    [
        History.Stamp(new ReferralSubmitted(Process.Helsinki, "", "client-1", new DateOnly(1995, 5, 5), "sr-group-activity",
            "Asiakas hyötyy ryhmätoiminnasta.", ImmutableList.Create("Ryhmään osallistuminen"), Start, null), 0, HelsinkiWorker),
    ];

    private Task<HttpSpec> Given(IEnumerable<ReferralEvent> events) => HttpSpec.Given(devServices, events);

    [Fact]
    public async Task The_case_owner_hands_the_referral_over_with_a_reason() =>
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "case-owner", new { newOwner = "worker-3", reason = Reason })
            .Then(HttpStatusCode.OK, new CaseOwnerChanged(Actors.Worker.UserId, "worker-3", Reason));

    [Fact]
    public async Task The_units_leader_changes_the_case_owner() =>
        await (await Given(History.AwaitingReview))
            .When(Actors.Signer, "case-owner", new { newOwner = "worker-3", reason = Reason })
            .Then(HttpStatusCode.OK, new CaseOwnerChanged(Actors.Worker.UserId, "worker-3", Reason));

    [Fact]
    public async Task Another_worker_of_the_unit_gets_403_not_the_case_owner_and_nothing_changes() =>
        await (await Given(History.ServiceActive))
            .When(new Actor("worker-4", Role.ReferringWorker, Actors.Unit), "case-owner", new { newOwner = "worker-4", reason = Reason })
            .ThenProblem(HttpStatusCode.Forbidden, "not-the-case-owner");

    [Fact]
    public async Task A_case_owner_change_without_a_reason_is_a_400() =>
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "case-owner", new { newOwner = "worker-3", reason = " " })
            .ThenProblem(HttpStatusCode.BadRequest, "validation");

    [Fact]
    public async Task An_identity_code_as_the_new_owner_is_refused() =>
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "case-owner", new { newOwner = "010594Y9021", reason = Reason })
            .ThenProblem(HttpStatusCode.UnprocessableEntity, "personal-identity-code-not-allowed");

    [Fact]
    public async Task Helsinki_writes_the_service_into_the_client_plan() =>
        await (await Given(HelsinkiSubmitted))
            .When(HelsinkiWorker, "service-in-client-plan", new
            {
                agreedOn = AgreedOn, start = Start, end = new DateOnly(2026, 12, 31), content = "Ryhmätoimintaa kerran viikossa.", esyRemeasurementMonth = 6,
            })
            .Then(HttpStatusCode.OK, new ServiceRecordedInClientPlan(AgreedOn, "sr-group-activity", Start, new DateOnly(2026, 12, 31), 6, "Ryhmätoimintaa kerran viikossa."));

    [Fact]
    public async Task Vantaa_decides_by_decision_and_refuses_the_client_plan_path() =>
        await (await Given(History.AwaitingGrantingDraft))
            .When(Actors.Worker, "service-in-client-plan", new { agreedOn = "2026-02-04", start = History.ServiceStart, content = "Ryhmätoimintaa." })
            .ThenProblem(HttpStatusCode.UnprocessableEntity, "client-plan-path-not-available");

    [Fact]
    public async Task A_client_plan_without_its_content_is_a_400() =>
        await (await Given(HelsinkiSubmitted))
            .When(HelsinkiWorker, "service-in-client-plan", new { agreedOn = AgreedOn, start = Start })
            .ThenProblem(HttpStatusCode.BadRequest, "validation");

    [Fact]
    public async Task The_service_starts_at_the_provider_unit_named_with_its_kind() =>
        await (await Given(History.AwaitingServiceStart))
            .When(Actors.Worker, "service-start", new { startedOn = History.ServiceStart, providerUnit = Actors.OwnProviderUnit })
            .Then(HttpStatusCode.OK, new ServiceStarted(History.ServiceStart, null) { ProviderUnit = Actors.OwnProviderUnit, ProviderKind = ProviderKind.Own });

    [Fact]
    public async Task A_start_at_an_unknown_provider_unit_is_a_422_and_nothing_changes() =>
        await (await Given(History.AwaitingServiceStart))
            .When(Actors.Worker, "service-start", new { startedOn = History.ServiceStart, providerUnit = "no-such-provider" })
            .ThenProblem(HttpStatusCode.UnprocessableEntity, "unknown-provider-unit");
}
