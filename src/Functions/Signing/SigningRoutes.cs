namespace Referrals.Functions.Signing;

/// <summary>The leader's signing page, reached from the e-mailed link (anonymous routes: the signer's own sign-in guards them).</summary>
internal static class SigningRoutes
{
    private const string SignInRedirect = "Without a signer's session (or when it has ended) the answer is 302 to sign-in, which returns here; nothing is done.";

    public static void Map(IEndpointRouteBuilder app)
    {
        var signing = app.MapGroup("/signing").AllowAnonymous().WithTags("Signing");
        signing.MapGet("/{token}", SigningHandlers.Show).WithName("ShowSigningPage")
            .WithSummary("The leader's signing page (HTML): the draft, Sign and Return. Never changes anything.")
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces<string>(StatusCodes.Status404NotFound, "text/html")
            .Produces<string>(StatusCodes.Status410Gone, "text/html")
            .Produces(StatusCodes.Status302Found).WithDescription(SignInRedirect);
        signing.MapPost("/{token}", SigningHandlers.Act).WithName("ActOnSigningPage")
            .WithSummary("Sign or return (form post with the anti-forgery token); once per link")
            .Accepts<SigningForm>("application/x-www-form-urlencoded").DisableAntiforgery()
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces<string>(StatusCodes.Status400BadRequest, "text/html")
            .Produces<string>(StatusCodes.Status409Conflict, "text/html").Produces<string>(StatusCodes.Status410Gone, "text/html")
            .Produces(StatusCodes.Status302Found).WithDescription(SignInRedirect);
    }
}
