using Referrals.Functions.Edge;

namespace Referrals.Functions.Clients;

/// <summary>The protected client record (read and corrected by the referring unit) and the client's own page for a
/// decision notified electronically.</summary>
internal static class ClientRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var referrals = app.MapReferralGroup("Clients");
        referrals.MapGet("/{id}/client", ClientRecordHandlers.Get).WithName("GetClientRecord")
            .WithSummary("The referral's protected client record (name, identity code, language, address, e-mail and consent, interpreter): "
                + "the unit's referring workers and signer only; access-logged")
            .Produces<ClientRecordView>().WithProblems(401, 403, 404, 409);
        referrals.MapPost("/{id}/client/corrections", ClientRecordHandlers.Correct).WithName("CorrectClientRecord")
            .WithSummary("Correct the client's name, language, address, e-mail, consent or interpreter need (the unit's referring workers); "
                + "the referral's timeline records which fields changed, never their values").Command<ClientCorrectionRequest>();

        var download = app.MapGroup("/decision-download").AllowAnonymous().WithTags("Clients");
        download.MapGet("/{token}", DecisionDownloadHandlers.Show).WithName("ShowDecisionDownloadPage")
            .WithSummary("The client's page for a signed decision notified electronically (HTML): asks for the identity code. Never shows client data.")
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces<string>(StatusCodes.Status404NotFound, "text/html")
            .Produces<string>(StatusCodes.Status410Gone, "text/html");
        download.MapPost("/{token}", DecisionDownloadHandlers.Download).WithName("DownloadDecision")
            .WithSummary("The signed decision, once the client's identity code matches (form field identityCode); locked after DecisionDownloads:MaxAttempts wrong answers; access-logged")
            .Accepts<DecisionDownloadForm>("application/x-www-form-urlencoded").DisableAntiforgery()
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces<string>(StatusCodes.Status400BadRequest, "text/html")
            .Produces<string>(StatusCodes.Status404NotFound, "text/html")
            .Produces<string>(StatusCodes.Status409Conflict, "text/html").Produces<string>(StatusCodes.Status410Gone, "text/html");
    }
}
