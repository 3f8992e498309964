using Microsoft.AspNetCore.Http;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Edge;

/// <summary>The one paging contract of every listing: <c>limit</c> (default <see cref="DefaultLimit"/>,
/// at most <see cref="MaxLimit"/>) and <c>continuation</c> (the opaque token of the previous page). A page
/// answers <c>{ items, continuation, next }</c> and, when there is more, a <c>Link: &lt;…&gt;; rel="next"</c> header.</summary>
internal static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const string LimitParameter = "limit";
    public const string ContinuationParameter = "continuation";

    public static int LimitOr(int? limit) => limit ?? DefaultLimit;

    public static IEnumerable<FieldError> Validate(int? limit, string? continuation)
    {
        if (limit is < 1 or > MaxLimit) yield return new FieldError(LimitParameter, "field.invalid");
        if (continuation is { Length: 0 or > 1000 }) yield return new FieldError(ContinuationParameter, "field.invalid");
    }

    /// <summary>The token storage did not issue for this listing: the client's mistake, a 400.</summary>
    public static IResult InvalidContinuation(HttpContext context) =>
        Problem.Validation(context, [new FieldError(ContinuationParameter, "field.invalid")]);

    /// <summary>The paging parameters of a handler that is given only the HttpContext (an Azure Functions
    /// trigger); a limit that is not a number is 0, which <see cref="Validate"/> refuses.</summary>
    public static (string? Continuation, int? Limit) FromQuery(IQueryCollection query)
    {
        string? continuation = query[ContinuationParameter];
        if (!query.TryGetValue(LimitParameter, out var text)) return (continuation, null);
        return (continuation, int.TryParse((string?)text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) ? limit : 0);
    }

    /// <summary>200 with the page; <c>next</c> and the Link header repeat the listing's own parameters
    /// (<paramref name="query"/>, never anything else from the request) with the new continuation.</summary>
    public static IResult Ok(HttpContext context, Page<ReferralSummary> page, int? limit, params (string Name, string? Value)[] query) =>
        Ok(context, page, limit, (items, continuation, next) => new ReferralPage(items, continuation, next), query);

    public static IResult Ok<T, TPage>(HttpContext context, Page<T> page, int? limit,
        Func<IReadOnlyList<T>, string?, string?, TPage> answer, params (string Name, string? Value)[] query)
    {
        string? next = null;
        if (page.Continuation is { } continuation)
        {
            var parameters = query.Where(q => q.Value is not null)
                .Append((LimitParameter, limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Where(q => q.Item2 is not null)
                .Append((ContinuationParameter, continuation))
                .Select(q => new KeyValuePair<string, string?>(q.Item1, q.Item2));
            next = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
            context.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
        }
        return TypedResults.Ok(answer(page.Items, page.Continuation, next));
    }
}

/// <summary>A page of referral summaries (no client data). <see cref="Continuation"/> and <see cref="Next"/>
/// (the same listing's URL with it) are null on the last page.</summary>
internal sealed record ReferralPage(IReadOnlyList<ReferralSummary> Items, string? Continuation, string? Next);
