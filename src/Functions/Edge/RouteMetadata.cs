namespace Referrals.Functions.Edge;

/// <summary>What the capabilities' routes declare the same way: their group, their problem statuses, a command's
/// body and problems, and the paging text. Each capability maps its own routes (<c>*Routes.cs</c>);
/// <see cref="Hosting.ReferralsApi.MapReferralsApi"/> calls them in order.</summary>
internal static class RouteMetadata
{
    /// <summary>The routes under <c>/api/referrals</c> of one capability, signed in, under its OpenAPI tag.</summary>
    public static RouteGroupBuilder MapReferralGroup(this IEndpointRouteBuilder app, string tag) =>
        app.MapGroup("/api/referrals").RequireAuthorization().WithTags(tag);

    public static readonly string PagingDescription =
        $"Paged: `limit` (default {Paging.DefaultLimit}, at most {Paging.MaxLimit}) rows per page. When there is more, the answer carries " +
        "`continuation` (an opaque token) and `next` (this listing's URL with it), and a `Link: <next>; rel=\"next\"` header; " +
        "pass `continuation` back unchanged for the next page. A token that this listing did not issue is a 400.";

    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            if (status == 400) builder.ProducesValidationProblem();
            else builder.ProducesProblem(status);
        }
        return builder;
    }

    /// <summary>A command on an existing referral: JSON body, its problems (Idempotency-Key and If-Match come from
    /// <see cref="CommandHeaders"/>, the 200 with the new state and ETag from the handler's typed result).</summary>
    public static RouteHandlerBuilder Command<TRequest>(this RouteHandlerBuilder builder) where TRequest : notnull =>
        builder.Accepts<TRequest>("application/json").WithProblems(400, 401, 403, 404, 409, 412, 413, 415, 422);
}
