using Referrals.Functions.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Functions.Clock;
using Referrals.Domain.Common;
using Referrals.Domain.Decisions;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Decisions;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Referrals.Functions.Auth;
using Referrals.Functions.Documents;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Signing;

/// <summary>The leader's signing page. The link is the second factor: only a signed-in signer of the link's
/// unit sees the draft (each view is access-logged) and can act; anyone else gets a page without client
/// data, and a request without a session is sent to sign in. GET only shows (mail scanners fetch and even
/// render links, so a GET must never act, and no script submits the form); a real click POSTs with the
/// anti-forgery token, which is bound to the signed-in person. Every refusal (unknown, expired, used,
/// superseded, not this person's) is a clear page and changes nothing.</summary>
internal static class SigningHandlers
{
    private enum Verdict { Valid, Invalid, Expired, Used, Superseded }

    /// <summary>The route templates the access log records (never the concrete path: it holds the token).</summary>
    public const string ShowRoute = "GET /signing/{token}";

    public static async Task<IResult> Show(HttpContext context, string token, CancellationToken cancellationToken)
    {
        var language = ApiTexts.PageLanguageOf(context);
        var signer = await SignerSignIn.SignerAsync(context);
        // Not signed in (a mail scanner, or the leader before sign-in): no client data, only the way to sign in.
        if (signer is null) return await SignerSignIn.ChallengeAsync(context, ReturnPath(token, language), language);
        var (verdict, grant, state) = await ResolveAsync(context, token, cancellationToken);
        if (verdict != Verdict.Valid) return SigningPages.Refusal(context, language, Outcome(verdict));
        if (!signer.Signs(grant!.SignerUnit)) return SigningPages.Refusal(context, language, "not-signer", StatusCodes.Status403Forbidden);

        var services = context.RequestServices;
        await services.GetRequiredService<IAccessLog>().RecordAsync(new AccessRecord(
            grant.ReferralId, signer.ObjectId, nameof(Role.Signer), grant.SignerUnit, ShowRoute,
            services.GetRequiredService<TimeProvider>().GetUtcNow()), cancellationToken);
        return SigningPages.Form(context, language, token, await RenderDraftAsync(context, state!, cancellationToken), error: null);
    }

    /// <summary>The page's form has four fields (decision, comment, lang, the anti-forgery token): anything
    /// much larger is not from the page. The comment is at most 4000 characters.</summary>
    private static readonly FormOptions FormLimits = new() { ValueCountLimit = 16, ValueLengthLimit = 16 * 1024, KeyLengthLimit = 256, MultipartBodyLengthLimit = 64 * 1024 };

    public static async Task<IResult> Act(HttpContext context, string token, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        if (!context.Request.HasFormContentType) return SigningPages.Refusal(context, "fi", "forbidden", StatusCodes.Status415UnsupportedMediaType);
        IFormCollection form;
        try { form = await context.Request.ReadFormAsync(FormLimits, cancellationToken); }
        // The reader refuses a body that is not a form (a truncated multipart, too many fields): the page's 400, not a 413.
        catch (InvalidDataException) { return SigningPages.Refusal(context, "fi", "bad-request", StatusCodes.Status400BadRequest); }
        var language = ApiTexts.PageLanguageOf(context, form["lang"]);
        var signer = await SignerSignIn.SignerAsync(context);
        // The session ended while the page was open: sign in again and come back to the page; nothing is done.
        if (signer is null) return await SignerSignIn.ChallengeAsync(context, ReturnPath(token, language), language);
        try { await services.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context); }
        catch (AntiforgeryValidationException) { return SigningPages.Refusal(context, language, "forbidden", StatusCodes.Status400BadRequest); }

        var (verdict, grant, state) = await ResolveAsync(context, token, cancellationToken);
        if (verdict != Verdict.Valid) return SigningPages.Refusal(context, language, Outcome(verdict));
        if (!signer.Signs(grant!.SignerUnit)) return SigningPages.Refusal(context, language, "not-signer", StatusCodes.Status403Forbidden);

        var by = new Actor(signer.ObjectId, Role.Signer, grant.SignerUnit);
        var decision = form["decision"].ToString();
        var comment = form["comment"].ToString().Trim();
        ReferralCommand command;
        // The client as a party, read once: the document whose hash is signed names them, and the stored bytes
        // are rendered from the same record (it is never stored in the event).
        var client = decision == "sign" ? await DecisionRendering.ClientAsync(services, state!, cancellationToken) : null;
        if (decision == "sign")
            command = new SignDecision(grant.DraftVersion) { By = by, SignerName = signer.Name, SignerTitle = signer.Title, Client = client };
        else if (decision == "return" && comment.Length is > 0 and <= 4000) command = new ReturnDecision(grant.DraftVersion, comment) { By = by };
        else return SigningPages.Form(context, language, token, await RenderDraftAsync(context, state!, cancellationToken), error: "signing.comment-required");

        var result = await services.GetRequiredService<IReferralCommands>()
            .ExecuteAsync(grant.ReferralId, command, "signing-" + grant.TokenHash[..40], null, cancellationToken);
        switch (result)
        {
            case CommandResult.Accepted { Replayed: true }:
                return SigningPages.Refusal(context, language, "used");
            case CommandResult.Accepted accepted:
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                await services.GetRequiredService<ISigningGrants>().MarkUsedAsync(grant.TokenHash, now, CancellationToken.None);
                if (command is SignDecision) await KeepSignedDocumentAsync(context, accepted.State, client);
                if (services.GetService<IReferralChangeNotifier>() is { } notifier)
                    await notifier.ReferralChangedAsync(grant.ReferralId, accepted.State.Version, CancellationToken.None);
                return SigningPages.Done(context, language, command is SignDecision ? "signed" : "returned");
            case CommandResult.Conflict:
                return SigningPages.Refusal(context, language, "conflict", StatusCodes.Status409Conflict);
            case CommandResult.Rejected rejected:
                return SigningPages.Rejected(context, language, rejected.Rejection);
            default:
                return SigningPages.Refusal(context, language, "invalid");
        }
    }

    private static async Task<(Verdict, SigningGrant?, ReferralState?)> ResolveAsync(HttpContext context, string token, CancellationToken cancellationToken)
    {
        if (!SigningTokens.LooksValid(token)) return (Verdict.Invalid, null, null);
        var services = context.RequestServices;
        var grant = await services.GetRequiredService<ISigningGrants>().FindAsync(SigningTokens.HashOf(token), cancellationToken);
        if (grant is null) return (Verdict.Invalid, null, null);
        if (grant.UsedAt is not null) return (Verdict.Used, grant, null);
        if (services.GetRequiredService<TimeProvider>().GetUtcNow() >= grant.ExpiresAt) return (Verdict.Expired, grant, null);
        var state = await services.GetRequiredService<IReferralReader>().GetAsync(grant.ReferralId, cancellationToken);
        if (state is null) return (Verdict.Invalid, grant, null);
        if (state.SignedDecisions.Any(d => d.DraftVersion == grant.DraftVersion)) return (Verdict.Used, grant, state);
        // The first decision's draft, or a later decision's (ending, continuation, change) drafted on the granted service.
        if (!state.SignaturePending || state.DraftVersion != grant.DraftVersion || state.Draft is null)
            return (Verdict.Superseded, grant, state);
        return (Verdict.Valid, grant, state);
    }

    /// <summary>Where sign-in returns to: the page itself (in the language chosen), never the provider's business.</summary>
    private static string ReturnPath(string token, string language) =>
        SigningTokens.LooksValid(token) ? $"/signing/{token}?lang={language}" : $"/signing/invalid?lang={language}";

    private static string Outcome(Verdict verdict) => verdict switch
    {
        Verdict.Expired => "expired",
        Verdict.Used => "used",
        Verdict.Superseded => "superseded",
        _ => "invalid",
    };

    private static async Task<string> RenderDraftAsync(HttpContext context, ReferralState state, CancellationToken cancellationToken) =>
        DecisionDocument.Render(await DecisionRendering.ForDraftAsync(context.RequestServices, state, cancellationToken));

    /// <summary>Stores the signed document (write-once). The referral already holds everything to render it
    /// again deterministically, so a failure here loses nothing: it is logged and the reader re-renders.</summary>
    private static async Task KeepSignedDocumentAsync(HttpContext context, ReferralState state, DecisionClient? client)
    {
        if (state.Decision is null) return;
        var content = DecisionContents.ForSigned(context.RequestServices.GetService<ReferralDecider>()?.ConfigurationOf(state), state, client);
        var bytes = DecisionDocument.Bytes(content);
        var sha = DecisionDocument.Sha256Hex(content);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Referrals.Functions.Signing");
        if (sha != state.Decision.DocumentSha256)
            logger.LogWarning("Signed decision of {ReferralId} v{Version} renders to a different hash than the signing event", state.Id, state.Decision.DraftVersion);
        try
        {
            await context.RequestServices.GetRequiredService<IDocumentStore>()
                .SaveSignedDecisionAsync(state.Id, state.Decision.DraftVersion, bytes, sha, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError("Could not store the signed decision of {ReferralId}: {ExceptionType}", state.Id, e.GetType().Name);
        }
    }
}
