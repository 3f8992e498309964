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
            },
            idempotencyKey, ifMatch, cancellationToken);

    /// <summary>The signed decision exactly as stored (its SHA-256 is in the signing event), or else the
    /// current draft rendered for reading. 404 when there is neither.</summary>
    public static async Task<IResult> Document(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken);
        if (denied is not null) return denied;
        var state = access!.State;
        var services = context.RequestServices;
        string html;
        if (state.Decision is { } signed)
        {
            var stored = await services.GetRequiredService<IDocumentStore>().ReadSignedDecisionAsync(id, signed.DraftVersion, cancellationToken);
            html = stored is not null ? Encoding.UTF8.GetString(stored)
                : DecisionDocument.Render(await DecisionRendering.ForSignedAsync(services, state, cancellationToken));
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
/// provider and whether own or purchased) and who gives more information (hallintolaki § 44).</summary>
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
