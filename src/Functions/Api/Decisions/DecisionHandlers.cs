using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Decisions;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Api.Http;
using Referrals.Functions.Auth;
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
            (b, by) => new DraftDecision(b.Kind!.Value, b.Reasons!, b.Start, b.End, b.EsyRemeasurementMonth, b.ContactPerson!, b.ContactDetails!, b.GrantedServiceTypeCode)
            {
                By = by,
                // The preparer as the decision names them: the token's name and title claims, never the subject id.
                PreparerName = Caller.Of(context)?.Name,
                PreparerTitle = Caller.Of(context)?.Title,
                Form = b.Form,
                Content = b.Content,
                Extent = b.Extent,
                Provider = b.Provider,
                ProviderKind = b.ProviderKind,
                UntilFurtherNotice = b.UntilFurtherNotice ?? false,
                EndingReason = b.EndingReason,
            },
            idempotencyKey, ifMatch, cancellationToken);

    /// <summary>The draft waiting for signature (also a later decision's, drafted after one was signed), or else
    /// the latest signed decision exactly as stored (its SHA-256 is in the signing event), or else the last draft
    /// rendered for reading; <c>?decision=n</c> the n-th signed decision. 404 when there is none.</summary>
    public static async Task<IResult> Document(HttpContext context, string id, [FromQuery(Name = "decision")] int? decision, CancellationToken cancellationToken)
    {
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken);
        if (denied is not null) return denied;
        var state = access!.State;
        var services = context.RequestServices;
        string html;
        SignedDecision? signed;
        if (decision is { } number)
        {
            if (number < 1 || number > state.SignedDecisions.Count) return Problem.Of(context, 404, "no-decision");
            signed = state.SignedDecisions[number - 1].Decision;
        }
        else signed = state.SignaturePending ? null : state.Decision;
        if (signed is not null)
        {
            var stored = await services.GetRequiredService<IDocumentStore>().ReadSignedDecisionAsync(id, signed.DraftVersion, cancellationToken);
            html = stored is not null ? Encoding.UTF8.GetString(stored)
                : DecisionDocument.Render(await DecisionRendering.ForSignedAsync(services, state, signed, cancellationToken));
        }
        else if (state.Draft is not null)
            html = DecisionDocument.Render(await DecisionRendering.ForDraftAsync(services, state, cancellationToken));
        else
            return Problem.Of(context, 404, "no-decision");

        context.Response.Headers.CacheControl = "no-store";
        Versions.Stamp(context.Response, state.Version);
        return TypedResults.Text(html, "text/html", Encoding.UTF8);
    }
}

/// <summary>A decision draft: granting or refusing, the reasons, the period (or until further notice, where
/// the profile allows), the ESY re-measurement month (6–12), exactly what is granted (form, content, extent,
/// provider and whether own or purchased) and who gives more information (hallintolaki § 44). Ending (with
/// <c>endingReason</c>; <c>end</c> is the last day), continuation (a new <c>end</c>) and change (from <c>start</c>)
/// decisions are drafted on a granted service the same way; what they leave out of what is granted stays as
/// the grant had it.</summary>
public sealed record DecisionDraftRequest(
    DecisionKind? Kind, string? Reasons, DateOnly? Start, DateOnly? End, int? EsyRemeasurementMonth,
    string? ContactPerson, string? ContactDetails, string? GrantedServiceTypeCode) : IValidatable
{
    public ServiceForm? Form { get; init; }

    public string? Content { get; init; }

    public string? Extent { get; init; }

    public string? Provider { get; init; }

    public ProviderKind? ProviderKind { get; init; }

    public bool? UntilFurtherNotice { get; init; }

    /// <summary>Why the granted service ends early (an ending decision only).</summary>
    public EndingReason? EndingReason { get; init; }

    public IEnumerable<FieldError> Validate()
    {
        if (Kind is null) yield return new FieldError("kind", "field.required");
        foreach (var e in Fields.Required("reasons", Reasons, Fields.LongText)) yield return e;
        foreach (var e in Fields.Required("contactPerson", ContactPerson, Fields.ShortText)) yield return e;
        foreach (var e in Fields.Required("contactDetails", ContactDetails, Fields.ShortText)) yield return e;
        foreach (var e in Fields.Optional("grantedServiceTypeCode", GrantedServiceTypeCode, Fields.Id)) yield return e;
        foreach (var e in Fields.Date("start", Start, required: false)) yield return e;
        foreach (var e in Fields.Date("end", End, required: false)) yield return e;
        foreach (var e in Fields.Optional("content", Content, Fields.LongText)) yield return e;
        foreach (var e in Fields.Optional("extent", Extent, Fields.ShortText)) yield return e;
        foreach (var e in Fields.Optional("provider", Provider, Fields.ShortText)) yield return e;
    }
}
