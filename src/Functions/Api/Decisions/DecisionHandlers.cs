using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Decisions;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Api.Http;
using Referrals.Functions.Documents;
using Referrals.Functions.Problems;

namespace Referrals.Functions.Api.Decisions;

/// <summary>päätöksen valmistelu: a new draft version (the process sends the signer the signing mail),
/// and the decision document itself as HTML.</summary>
public static class DecisionHandlers
{
    public static Task<IResult> Draft(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<DecisionDraftRequest>(context, id, Domain.Common.Role.ReferringWorker,
            (b, by) => new DraftDecision(b.Kind!.Value, b.Reasons!, b.Start, b.End, b.EsyRemeasurementMonth, b.ContactPerson!, b.ContactDetails!, b.GrantedServiceTypeCode) { By = by },
            idempotencyKey, ifMatch, cancellationToken);

    /// <summary>The signed decision exactly as stored (its SHA-256 is in the signing event), or else the
    /// current draft rendered for reading. 404 when there is neither.</summary>
    public static async Task<IResult> Document(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken);
        if (denied is not null) return denied;
        var state = access!.State;
        var configuration = context.RequestServices.GetService<ReferralDecider>()?.Configuration;
        string html;
        if (state.Decision is { } signed)
        {
            var stored = await context.RequestServices.GetRequiredService<IDocumentStore>().ReadSignedDecisionAsync(id, signed.DraftVersion, cancellationToken);
            html = stored is not null ? Encoding.UTF8.GetString(stored) : DecisionDocument.Render(DecisionContents.ForSigned(state, configuration));
        }
        else if (state.Draft is not null)
            html = DecisionDocument.Render(DecisionContents.ForDraft(state, configuration));
        else
            return Problem.Of(context, 404, "no-decision");

        context.Response.Headers.CacheControl = "no-store";
        Versions.Stamp(context.Response, state.Version);
        return TypedResults.Text(html, "text/html", Encoding.UTF8);
    }
}

/// <summary>A decision draft: granting or refusing, the reasons, the period, the ESY re-measurement month
/// (6–12) and who gives more information (hallintolaki § 44).</summary>
public sealed record DecisionDraftRequest(
    DecisionKind? Kind, string? Reasons, DateOnly? Start, DateOnly? End, int? EsyRemeasurementMonth,
    string? ContactPerson, string? ContactDetails, string? GrantedServiceTypeCode) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        if (Kind is null) yield return new FieldError("kind", "field.required");
        foreach (var e in Fields.Required("reasons", Reasons, Fields.LongText)) yield return e;
        foreach (var e in Fields.Required("contactPerson", ContactPerson, Fields.ShortText)) yield return e;
        foreach (var e in Fields.Required("contactDetails", ContactDetails, Fields.ShortText)) yield return e;
        foreach (var e in Fields.Optional("grantedServiceTypeCode", GrantedServiceTypeCode, Fields.Id)) yield return e;
        foreach (var e in Fields.Date("start", Start, required: false)) yield return e;
        foreach (var e in Fields.Date("end", End, required: false)) yield return e;
    }
}
