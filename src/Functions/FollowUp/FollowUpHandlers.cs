using Referrals.Functions.Referrals;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Referrals.Domain;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Microsoft.Extensions.DependencyInjection;

namespace Referrals.Functions.FollowUp;

/// <summary>The case owner's follow-up after a granting decision: service start, client plan (SHL § 39),
/// interim evaluations, provider reports, ESY re-measurements, and the closing summary.</summary>
internal static class FollowUpHandlers
{
    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> StartService(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<StartServiceRequest>(context, id, headers, Role.ReferringWorker, cancellationToken);

    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> RecordClientPlan(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<ClientPlanRequest>(context, id, headers, Role.ReferringWorker, cancellationToken);

    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> RecordEvaluation(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<EvaluationRequest>(context, id, headers, Role.ReferringWorker, cancellationToken);

    /// <summary>The case owner gets the referral back, the provider unit its own limited view (declared first: the document
    /// shows one schema per status, the last declared).</summary>
    public static Task<Results<Results<VersionedOk<ProviderReferralView>, VersionedOk<ReferralView>>, ProblemHttpResult>> RecordProviderReport(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<ProviderReportRequest, Results<VersionedOk<ProviderReferralView>, VersionedOk<ReferralView>>>(
            context, id, headers, ProviderReporters, (r, check) => r.ToCommand(check),
            (state, by) => by?.Role == Role.ServiceProvider
                ? Versions.Ok(ProviderReferralView.From(state), state.Version)
                : Versions.Ok(ReferralView.From(state, context.RequestServices.GetService<ReferralDecider>()), state.Version),
            cancellationToken);

    /// <summary>Who records a provider report: the case owner (typing in what the provider sent), or the provider unit the
    /// service is assigned to (which gets its own limited view back).</summary>
    public static readonly IReadOnlyList<Role> ProviderReporters = [Role.ReferringWorker, Role.ServiceProvider];

    /// <summary>kuntoutussuunnitelma: the provider unit the service is assigned to records its rehabilitation plan.</summary>
    public static Task<Results<VersionedOk<ProviderReferralView>, ProblemHttpResult>> RecordRehabilitationPlan(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<RehabilitationPlanRequest, VersionedOk<ProviderReferralView>>(
            context, id, headers, [Role.ServiceProvider], (r, check) => r.ToCommand(check),
            (state, _) => Versions.Ok(ProviderReferralView.From(state), state.Version), cancellationToken);

    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> RecordEsyMeasurement(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<EsyMeasurementRequest>(context, id, headers, Role.ReferringWorker, cancellationToken);

    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> Close(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<ClosureRequest>(context, id, headers, Role.ReferringWorker, cancellationToken);
}

internal sealed record StartServiceRequest(DateOnly? StartedOn, string? Provider) : CommandRequest
{
    /// <summary>The provider unit the service is assigned to: the id of a provider unit of the configuration (GET
    /// /api/configuration; one that is not is a 422 unknown-provider-unit); its service providers then see and report on the referral.</summary>
    public string? ProviderUnit { get; init; }

    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var startedOn = check.Date("startedOn", StartedOn);
        var provider = check.OptionalText("provider", Provider, Fields.ShortText);
        var providerUnit = check.OptionalText("providerUnit", ProviderUnit, Fields.Id);
        return by => new StartService(startedOn, provider) { By = by, ProviderUnit = providerUnit };
    }
}

/// <summary>asiakassuunnitelma agreed with the client on this date; for a service granted until further notice,
/// with the ESY re-measurement month (6–12) agreed in it.</summary>
internal sealed record ClientPlanRequest(DateOnly? AgreedOn) : CommandRequest
{
    public int? EsyRemeasurementMonth { get; init; }

    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var agreedOn = check.Date("agreedOn", AgreedOn);
        // The ESY month's range is the domain's rule (422 esy-month-out-of-range).
        return by => new RecordClientPlan(agreedOn) { By = by, EsyRemeasurementMonth = EsyRemeasurementMonth };
    }
}

/// <summary>välitapaaminen: an interim evaluation meeting.</summary>
internal sealed record EvaluationRequest(DateOnly? HeldOn, string? Notes) : CommandRequest
{
    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var heldOn = check.Date("heldOn", HeldOn);
        var notes = check.Text("notes", Notes, Fields.LongText);
        return by => new RecordInterimEvaluation(heldOn, notes) { By = by };
    }
}

internal sealed record ProviderReportRequest(DateOnly? ReceivedOn, string? Summary) : CommandRequest
{
    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var receivedOn = check.Date("receivedOn", ReceivedOn);
        var summary = check.Text("summary", Summary, Fields.LongText);
        return by => new RecordProviderReport(receivedOn, summary) { By = by };
    }
}

/// <summary>kuntoutussuunnitelma: the rehabilitation plan the provider agreed with the client on this date, in summary.</summary>
internal sealed record RehabilitationPlanRequest(DateOnly? AgreedOn, string? Summary) : CommandRequest
{
    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var agreedOn = check.Date("agreedOn", AgreedOn);
        var summary = check.Text("summary", Summary, Fields.LongText);
        return by => new RecordRehabilitationPlan(agreedOn, summary) { By = by };
    }
}

/// <summary>A measurement with an instrument (ESY's re-measurement or another instrument the referral's profile uses): a
/// score per area code of that instrument (GET /api/configuration lists the instruments, their areas and scales).</summary>
internal sealed record EsyMeasurementRequest(DateOnly? MeasuredOn, IReadOnlyDictionary<string, int>? Scores) : CommandRequest
{
    /// <summary>The instrument's id (e.g. <c>esy-example</c>); left out: the profile's first instrument.</summary>
    public string? Instrument { get; init; }

    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var measuredOn = check.Date("measuredOn", MeasuredOn);
        if (Instrument is { } instrument && (instrument.Length is 0 or > Fields.Id)) check.Add("instrument", "field.invalid");
        var scores = Scores ?? new Dictionary<string, int>();
        if (scores.Count == 0) check.Add("scores", "field.required");
        else if (scores.Count > 50 || scores.Keys.Any(k => k.Length is 0 or > 50)) check.Add("scores", "field.invalid");
        return by => new RecordEsyMeasurement(measuredOn, EsyScores.Of(scores)) { By = by, InstrumentId = Instrument };
    }
}

/// <summary>yhteenveto: the service ends with a summary; whether the client's feedback was collected.</summary>
internal sealed record ClosureRequest(DateOnly? EndedOn, string? Summary, bool? FeedbackCollected) : CommandRequest
{
    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var endedOn = check.Date("endedOn", EndedOn);
        var summary = check.Text("summary", Summary, Fields.LongText);
        return by => new CloseService(endedOn, summary, FeedbackCollected ?? false) { By = by };
    }
}
