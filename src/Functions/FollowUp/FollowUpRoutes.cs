using Referrals.Functions.Edge;

namespace Referrals.Functions.FollowUp;

/// <summary>The service's follow-up: start, client plan, evaluations, the provider's reports and plan, measurements, closure.</summary>
internal static class FollowUpRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var referrals = app.MapReferralGroup("Follow-up");
        referrals.MapPost("/{id}/service-start", FollowUpHandlers.StartService).WithName("StartService")
            .WithSummary("The service started").Command<StartServiceRequest>();
        referrals.MapPost("/{id}/client-plan", FollowUpHandlers.RecordClientPlan).WithName("RecordClientPlan")
            .WithSummary("The client plan (asiakassuunnitelma, SHL § 39) was agreed").Command<ClientPlanRequest>();
        referrals.MapPost("/{id}/service-in-client-plan", ServiceInClientPlanHandlers.Record).WithName("RecordServiceInClientPlan")
            .WithSummary("The service was written into the client plan (SHL § 39) instead of a separate § 17 decision, where the profile has that path (Helsinki)")
            .Command<ServiceInClientPlanRequest>();
        referrals.MapPost("/{id}/evaluations", FollowUpHandlers.RecordEvaluation).WithName("RecordEvaluation")
            .WithSummary("An interim evaluation (välitapaaminen) was held").Command<EvaluationRequest>();
        referrals.MapPost("/{id}/provider-reports", FollowUpHandlers.RecordProviderReport).WithName("RecordProviderReport")
            .WithSummary("A report from the service provider: recorded by the case owner, or by the provider unit the service is assigned to "
                + "(which gets its limited view back)").Command<ProviderReportRequest>();
        referrals.MapPost("/{id}/rehabilitation-plan", FollowUpHandlers.RecordRehabilitationPlan).WithName("RecordRehabilitationPlan")
            .WithSummary("The rehabilitation plan (kuntoutussuunnitelma) of the provider unit the service is assigned to; answers with the provider's limited view")
            .Command<RehabilitationPlanRequest>();
        referrals.MapPost("/{id}/esy-measurements", FollowUpHandlers.RecordEsyMeasurement).WithName("RecordEsyMeasurement")
            .WithSummary("A measurement with an instrument the profile uses (ESY's re-measurement or another; `instrument`, default the profile's first)")
            .Command<EsyMeasurementRequest>();
        referrals.MapGet("/{id}/measurements/{instrument}/comparison", MeasurementComparisonHandlers.Get).WithName("GetMeasurementComparison")
            .WithSummary("The client's measurements with one instrument per area against the baseline and the previous measurement "
                + "(improvement read with the instrument's direction); access-logged")
            .Produces<MeasurementComparisonView>().WithProblems(401, 403, 404);
        referrals.MapPost("/{id}/closure", FollowUpHandlers.Close).WithName("CloseService")
            .WithSummary("The service ended with a summary (yhteenveto)").Command<ClosureRequest>();
    }
}
