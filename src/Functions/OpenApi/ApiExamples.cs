using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Review;
using Referrals.Functions.Decisions;
using Referrals.Functions.FollowUp;
using Referrals.Functions.Edge;
using Referrals.Functions.Referrals;
using Referrals.Functions.Documents;
using Referrals.Functions.Commands;

namespace Referrals.Functions.OpenApi;

/// <summary>One example per request and response type, shown in the OpenAPI document and Scalar. The
/// identity code is a synthetic one (individual number 900–999 is never issued to a real person).</summary>
internal static class ApiExamples
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 15, 0, TimeSpan.FromHours(2));
    private const string Id = "r-3f2a9c0d1e4b5a6978c0d1e2f3a4b5c6";
    private const string ExampleContinuation = "MjUxOTg2ODk2MjI1OTk5OTk5OXxyLTNmMmE5YzBkMWU0YjVhNjk3OGMwZDFlMmYzYTRiNWM2oiRPy3Zitg4";

    private static readonly ReferralSummary Summary = new(
        Id, "vantaa-adult-social-work", "vantaa-steering-group", "vantaa-steering-group", ReferralStatus.AwaitingReview,
        "social-rehabilitation-group", At, At, 1);

    public static readonly IReadOnlyDictionary<Type, object> ByType = new Dictionary<Type, object>
    {
        [typeof(SubmitReferralRequest)] = new SubmitReferralRequest
        {
            Unit = "vantaa-adult-social-work",
            ProfileId = "vantaa-steering-group",
            PersonalIdentityCode = "010181-900C",
            ServiceTypeCode = "social-rehabilitation-group",
            AssessmentSummary = "Pitkään työttömänä ollut asiakas, arjen rytmi puuttuu; hyötyisi ryhmätoiminnasta.",
            Goals = ["Säännöllinen päivärytmi", "Osallistuminen ryhmään kahdesti viikossa"],
            RequestedStart = new DateOnly(2026, 4, 1),
            FullName = "Maija Meikäläinen",
            Language = "fi",
            Address = new PostalAddressRequest("Kotikatu 1 A 2", "01300", "Vantaa"),
            Email = "maija.meikalainen@example.fi",
            ElectronicNotificationConsent = true,
        },
        [typeof(ReviewRequest)] = new ReviewRequest(ReviewOutcome.Approve, "Palvelutarve on arvioitu ja ryhmä sopii tavoitteisiin.", null),
        [typeof(SupplementInformationRequest)] = new SupplementInformationRequest("Asiakas on aloittanut päihdekuntoutuksen 2/2026."),
        [typeof(WithdrawReferralRequest)] = new WithdrawReferralRequest("Asiakas muutti toiseen kuntaan."),
        [typeof(DecisionDraftRequest)] = new DecisionDraftRequest(
            DecisionKind.Granting, "Asiakkaalla on SHL 17 §:n mukainen tarve sosiaaliseen kuntoutukseen.", new DateOnly(2026, 4, 1),
            new DateOnly(2026, 9, 30), 6, "Sosiaalityöntekijä Maija Meikäläinen", "p. 09 123 4567, kirjaamo@vantaa.example", null)
        {
            Form = ServiceForm.Group, Content = "Ryhmätoiminta arjen taitojen tueksi", Extent = "kerran viikossa, 3 tuntia",
            Provider = "Vantaan sosiaalisen kuntoutuksen palvelut", ProviderKind = ProviderKind.Own,
        },
        [typeof(StartServiceRequest)] = new StartServiceRequest(new DateOnly(2026, 4, 1), "Palveluntuottaja Oy") { ProviderUnit = "vantaa-purchased-coaching" },
        [typeof(ClientPlanRequest)] = new ClientPlanRequest(new DateOnly(2026, 4, 20)),
        [typeof(JointAssessmentRequest)] = new JointAssessmentRequest(new DateOnly(2026, 3, 10), "counsellor-1", "Ryhmätoiminta sopii asiakkaan tavoitteisiin."),
        [typeof(ServiceInClientPlanRequest)] = new ServiceInClientPlanRequest(new DateOnly(2026, 3, 20), new DateOnly(2026, 4, 1),
            new DateOnly(2026, 9, 30), "Ryhmätoimintaa kerran viikossa; tavoitteena säännöllinen päivärytmi.") { EsyRemeasurementMonth = 6 },
        [typeof(CaseOwnerChangeRequest)] = new CaseOwnerChangeRequest("worker-7", "Vastuutyöntekijä vaihtuu tiimin sisällä."),
        [typeof(EvaluationRequest)] = new EvaluationRequest(new DateOnly(2026, 6, 15), "Tavoitteet etenevät; osallistuminen säännöllistä."),
        [typeof(ProviderReportRequest)] = new ProviderReportRequest(new DateOnly(2026, 7, 1), "Osallistunut 18/20 kertaan."),
        [typeof(RehabilitationPlanRequest)] = new RehabilitationPlanRequest(new DateOnly(2026, 4, 15), "Tavoitteena säännöllinen päivärytmi; ryhmään kahdesti viikossa."),
        [typeof(ProviderReferralView)] = new ProviderReferralView(
            Id, 6, ReferralStatus.ServiceActive, "vantaa-purchased-coaching", ProviderKind.Purchased, "sr-everyday-coaching", ServiceForm.Group,
            "Ryhmätoiminta arjen taitojen tueksi", "kerran viikossa, 3 tuntia", new DateOnly(2026, 4, 1), new DateOnly(2026, 9, 30), false,
            new DateOnly(2026, 4, 15), [new DateOnly(2026, 7, 1)], null),
        [typeof(EsyMeasurementRequest)] = new EsyMeasurementRequest(new DateOnly(2026, 10, 1), new Dictionary<string, int> { ["housing"] = 4, ["health"] = 3 }),
        [typeof(NotificationRequest)] = new NotificationRequest(Domain.Decisions.NotificationMethod.Letter, new DateOnly(2026, 3, 6)),
        [typeof(RequestForReviewRequest)] = new RequestForReviewRequest(new DateOnly(2026, 3, 30), RequestForReviewBy.Client),
        [typeof(RequestForReviewDecisionRequest)] = new RequestForReviewDecisionRequest(
            RequestForReviewOutcome.Upheld, new DateOnly(2026, 4, 20), "Päätös perustuu asiakkaan tilanteen arvioon; uutta selvitystä ei esitetty."),
        [typeof(Clients.ClientCorrectionRequest)] = new Clients.ClientCorrectionRequest
        {
            Address = new PostalAddressRequest("Uusitie 2 B 4", "01600", "Vantaa"),
            Email = "maija.meikalainen@example.fi",
        },
        [typeof(Clients.ClientRecordView)] = new Clients.ClientRecordView(
            "c-5b0e3a1f9d2c4e6f8a0b1c2d3e4f5a6b", "Maija Meikäläinen", "010181-900C", "fi",
            new Clients.PostalAddressView("Kotikatu 1 A 2", "01300", "Vantaa"), "maija.meikalainen@example.fi", true, null),
        [typeof(ClosureRequest)] = new ClosureRequest(new DateOnly(2026, 12, 31), "Palvelu päättyi suunnitellusti; asiakas aloittaa työkokeilun.", true),
        [typeof(ReferralView)] = new ReferralView(
            Id, 1, ReferralStatus.AwaitingReview, "vantaa-steering-group", "vantaa-adult-social-work", "u1", "vantaa-steering-group",
            "c-5d41402abc4b2a76b9719d911017c592", new DateOnly(1981, 1, 1), "social-rehabilitation-group",
            "Pitkään työttömänä ollut asiakas.", ["Säännöllinen päivärytmi"], new DateOnly(2026, 4, 1), At, 0, null,
            [new DueDateView(TimerKind.ReviewOverdue, At.AddDays(14))],
            new DecisionStatusView(0, null, null, false, null, null, null, null, null, null, null),
            new FollowUpView(null, null, null, [], [], [], null, false), null) { Links = ReferralLinksView.For(Id) },
        [typeof(ReferralPage)] = new ReferralPage([Summary], ExampleContinuation,
            "/api/referrals?unit=vantaa-adult-social-work&limit=50&continuation=" + ExampleContinuation),
        [typeof(IReadOnlyList<StoredAttachment>)] = new[] { Attachment() },
        [typeof(StoredAttachment)] = Attachment(),
        [typeof(AccessRecordPage)] = new AccessRecordPage([new AccessRecord(Id, "u7", "Auditor", "vantaa-adult-social-work", "GET /api/referrals/{id}", At)], null, null),
        [typeof(IReadOnlyList<ParkedMessage>)] = new[] { new ParkedMessage(Id, "out-0000000004", "SigningRequested", 6, "SMTP 550 mailbox unavailable", At) },
        [typeof(List<TimelineEntry>)] = new List<TimelineEntry>
        {
            new(1, new ReferralApproved("Ryhmä sopii tavoitteisiin.") { At = At, By = new Domain.Common.Actor("u3", Domain.Common.Role.ReviewBodyMember, "vantaa-steering-group") }),
        },
    };

    private static StoredAttachment Attachment() =>
        new("a-7c9e6679", "palvelutarpeen-arvio.pdf", "application/pdf", 48213, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", At) { Scan = AttachmentScan.Clean };

    public static object? For(Type type) => ByType.TryGetValue(type, out var example) ? example : null;
}
