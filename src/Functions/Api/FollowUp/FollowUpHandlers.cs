using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Referrals.Domain;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Api.Http;
using Referrals.Functions.Problems;

namespace Referrals.Functions.Api.FollowUp;

/// <summary>The case owner's follow-up after a granting decision: service start, client plan (SHL § 39),
/// interim evaluations, provider reports, ESY re-measurements, and the closing summary.</summary>
public static class FollowUpHandlers
{
    public static Task<IResult> StartService(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<StartServiceRequest>(context, id, Role.ReferringWorker,
            (b, by) => new StartService(b.StartedOn!.Value, b.Provider) { By = by, ProviderUnit = b.ProviderUnit }, idempotencyKey, ifMatch, cancellationToken);

    public static Task<IResult> RecordClientPlan(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<ClientPlanRequest>(context, id, Role.ReferringWorker,
            (b, by) => new RecordClientPlan(b.AgreedOn!.Value) { By = by, EsyRemeasurementMonth = b.EsyRemeasurementMonth }, idempotencyKey, ifMatch, cancellationToken);

    public static Task<IResult> RecordEvaluation(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<EvaluationRequest>(context, id, Role.ReferringWorker,
            (b, by) => new RecordInterimEvaluation(b.HeldOn!.Value, b.Notes!) { By = by }, idempotencyKey, ifMatch, cancellationToken);

    public static Task<IResult> RecordProviderReport(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<ProviderReportRequest>(context, id, ProviderReporters,
            (b, by) => new RecordProviderReport(b.ReceivedOn!.Value, b.Summary!) { By = by }, idempotencyKey, ifMatch, cancellationToken);

    /// <summary>Who records a provider report: the case owner (typing in what the provider sent), or the provider unit the
    /// service is assigned to (which gets its own limited view back).</summary>
    public static readonly IReadOnlyList<Role> ProviderReporters = [Role.ReferringWorker, Role.ServiceProvider];

    /// <summary>kuntoutussuunnitelma: the provider unit the service is assigned to records its rehabilitation plan.</summary>
    public static Task<IResult> RecordRehabilitationPlan(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<RehabilitationPlanRequest>(context, id, Role.ServiceProvider,
            (b, by) => new RecordRehabilitationPlan(b.AgreedOn!.Value, b.Summary!) { By = by }, idempotencyKey, ifMatch, cancellationToken);

    public static Task<IResult> RecordEsyMeasurement(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<EsyMeasurementRequest>(context, id, Role.ReferringWorker,
            (b, by) => new RecordEsyMeasurement(b.MeasuredOn!.Value, EsyScores.Of(b.Scores!)) { By = by, InstrumentId = b.Instrument }, idempotencyKey, ifMatch, cancellationToken);

    public static Task<IResult> Close(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<ClosureRequest>(context, id, Role.ReferringWorker,
            (b, by) => new CloseService(b.EndedOn!.Value, b.Summary!, b.FeedbackCollected ?? false) { By = by }, idempotencyKey, ifMatch, cancellationToken);
}

public sealed record StartServiceRequest(DateOnly? StartedOn, string? Provider) : IValidatable
{
    /// <summary>The provider unit the service is assigned to: the id of a provider unit of the configuration (GET
    /// /api/configuration; one that is not is a 422 unknown-provider-unit); its service providers then see and report on the referral.</summary>
    public string? ProviderUnit { get; init; }

    public IEnumerable<FieldError> Validate() =>
        Fields.Date("startedOn", StartedOn).Concat(Fields.Optional("provider", Provider, Fields.ShortText))
            .Concat(Fields.Optional("providerUnit", ProviderUnit, Fields.Id));
}

/// <summary>asiakassuunnitelma agreed with the client on this date; for a service granted until further notice,
/// with the ESY re-measurement month (6–12) agreed in it.</summary>
public sealed record ClientPlanRequest(DateOnly? AgreedOn) : IValidatable
{
    public int? EsyRemeasurementMonth { get; init; }

    public IEnumerable<FieldError> Validate() =>
        Fields.Date("agreedOn", AgreedOn); // the ESY month's range is the domain's rule (422 esy-month-out-of-range)
}

/// <summary>välitapaaminen: an interim evaluation meeting.</summary>
public sealed record EvaluationRequest(DateOnly? HeldOn, string? Notes) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        Fields.Date("heldOn", HeldOn).Concat(Fields.Required("notes", Notes, Fields.LongText));
}

public sealed record ProviderReportRequest(DateOnly? ReceivedOn, string? Summary) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        Fields.Date("receivedOn", ReceivedOn).Concat(Fields.Required("summary", Summary, Fields.LongText));
}

/// <summary>kuntoutussuunnitelma: the rehabilitation plan the provider agreed with the client on this date, in summary.</summary>
public sealed record RehabilitationPlanRequest(DateOnly? AgreedOn, string? Summary) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        Fields.Date("agreedOn", AgreedOn).Concat(Fields.Required("summary", Summary, Fields.LongText));
}

/// <summary>A measurement with an instrument (ESY's re-measurement or another instrument the referral's profile uses): a
/// score per area code of that instrument (GET /api/configuration lists the instruments, their areas and scales).</summary>
public sealed record EsyMeasurementRequest(DateOnly? MeasuredOn, IReadOnlyDictionary<string, int>? Scores) : IValidatable
{
    /// <summary>The instrument's id (e.g. <c>esy-example</c>); left out: the profile's first instrument.</summary>
    public string? Instrument { get; init; }

    public IEnumerable<FieldError> Validate()
    {
        foreach (var e in Fields.Date("measuredOn", MeasuredOn)) yield return e;
        if (Instrument is { } instrument && (instrument.Length is 0 or > Fields.Id)) yield return new FieldError("instrument", "field.invalid");
        if (Scores is null || Scores.Count == 0) yield return new FieldError("scores", "field.required");
        else if (Scores.Count > 50 || Scores.Keys.Any(k => k.Length is 0 or > 50)) yield return new FieldError("scores", "field.invalid");
    }
}

/// <summary>yhteenveto: the service ends with a summary; whether the client's feedback was collected.</summary>
public sealed record ClosureRequest(DateOnly? EndedOn, string? Summary, bool? FeedbackCollected) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        Fields.Date("endedOn", EndedOn).Concat(Fields.Required("summary", Summary, Fields.LongText));
}
