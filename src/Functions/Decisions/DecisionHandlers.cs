using Referrals.Functions.Referrals;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Decisions;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Domain.Common;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Referrals.Functions.Auth;
using Referrals.Functions.Documents;

namespace Referrals.Functions.Decisions;

/// <summary>päätöksen valmistelu: a new draft version (the process sends the signer the signing mail),
/// and the decision document itself as HTML.</summary>
internal static class DecisionHandlers
{
    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> Draft(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<DecisionDraftRequest, VersionedOk<ReferralView>>(context, id, headers, [Domain.Common.Role.ReferringWorker],
            (request, check) => request.ToCommand(check, Caller.Of(context)), CommandEndpoint.ReferralAnswer(context), cancellationToken);

    /// <summary>The draft waiting for signature (also a later decision's, drafted after one was signed), or else
    /// the latest signed decision exactly as stored (its SHA-256 is in the signing event), or else the last draft
    /// rendered for reading; <c>?decision=n</c> the n-th signed decision. 404 when there is none.</summary>
    public static async Task<Results<VersionedHtml, ProblemHttpResult>> Document(HttpContext context, string id, [FromQuery(Name = "decision")] int? decision, CancellationToken cancellationToken)
    {
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken);
        if (access is null) return denied ?? Problem.Of(context, 404, "not-found");
        var state = access.State;
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
        return new VersionedHtml(html, state.Version);
    }
}

/// <summary>A decision draft: granting or refusing, the reasons, the period (or until further notice, where
/// the profile allows), the ESY re-measurement month (6–12), exactly what is granted (form, content, extent,
/// provider and whether own or purchased) and who gives more information (hallintolaki § 44). Ending (with
/// <c>endingReason</c>; <c>end</c> is the last day), continuation (a new <c>end</c>) and change (from <c>start</c>)
/// decisions are drafted on a granted service the same way; what they leave out of what is granted stays as
/// the grant had it.</summary>
internal sealed record DecisionDraftRequest(
    DecisionKind? Kind, string? Reasons, DateOnly? Start, DateOnly? End, int? EsyRemeasurementMonth,
    string? ContactPerson, string? ContactDetails, string? GrantedServiceTypeCode) : CommandRequest
{
    public ServiceForm? Form { get; init; }

    public string? Content { get; init; }

    public string? Extent { get; init; }

    public string? Provider { get; init; }

    public ProviderKind? ProviderKind { get; init; }

    public bool? UntilFurtherNotice { get; init; }

    /// <summary>Why the granted service ends early (an ending decision only).</summary>
    public EndingReason? EndingReason { get; init; }

    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check) => ToCommand(check, preparer: null);

    /// <param name="preparer">Who prepares the decision, as the decision names them: the token's name and title claims, never the subject id.</param>
    public Func<Actor, ReferralCommand> ToCommand(FieldCheck check, Caller? preparer)
    {
        var kind = check.Present("kind", Kind);
        var reasons = check.Text("reasons", Reasons, Fields.LongText);
        var contactPerson = check.Text("contactPerson", ContactPerson, Fields.ShortText);
        var contactDetails = check.Text("contactDetails", ContactDetails, Fields.ShortText);
        var grantedServiceTypeCode = check.OptionalText("grantedServiceTypeCode", GrantedServiceTypeCode, Fields.Id);
        var start = check.OptionalDate("start", Start);
        var end = check.OptionalDate("end", End);
        var content = check.OptionalText("content", Content, Fields.LongText);
        var extent = check.OptionalText("extent", Extent, Fields.ShortText);
        var provider = check.OptionalText("provider", Provider, Fields.ShortText);
        return by => new DraftDecision(kind, reasons, start, end, EsyRemeasurementMonth, contactPerson, contactDetails, grantedServiceTypeCode)
        {
            By = by,
            PreparerName = preparer?.Name,
            PreparerTitle = preparer?.Title,
            Form = Form,
            Content = content,
            Extent = extent,
            Provider = provider,
            ProviderKind = ProviderKind,
            UntilFurtherNotice = UntilFurtherNotice ?? false,
            EndingReason = EndingReason,
        };
    }
}
