using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Referrals.Functions.Edge;

/// <summary>Runs one of the API's handlers from an Azure Functions HTTP trigger the way the standalone
/// pipeline runs it from a route: the caller is authenticated with the default scheme first (what
/// <c>UseAuthentication</c> does there), exceptions a request can provoke become the same problem
/// responses, and the handler's <see cref="IResult"/> is handed back as an <see cref="IActionResult"/>,
/// which the Functions ASP.NET Core integration executes. The handlers themselves check roles and units.</summary>
internal static class HandlerInvocation
{
    public static async Task<IActionResult> RunAsync<TResult>(
        HttpRequest request, Func<HttpContext, CancellationToken, Task<TResult>> handler,
        Func<HttpContext, Exception, IResult?>? problemFor = null)
        where TResult : IResult
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        var context = request.HttpContext;
        EdgeHeaders.ApplyNow(context, context.RequestServices?.GetService<IHostEnvironment>()?.IsDevelopment() ?? false);
        var authentication = await context.AuthenticateAsync();
        if (authentication.Succeeded && authentication.Principal is not null)
            context.User = authentication.Principal;

        // The same limiter as the standalone host's rate-limiting middleware.
        if (context.RequestServices?.GetService<EdgeRateLimiter>() is { } limits)
        {
            using var lease = await limits.Limiter.AcquireAsync(context, 1, context.RequestAborted);
            if (!lease.IsAcquired)
            {
                await EdgeRateLimiter.RejectAsync(context, lease);
                return new EmptyResult();
            }
        }

        try
        {
            return new HandlerResult(await handler(context, context.RequestAborted));
        }
        // A cancellation the caller did not ask for is a storage call that ran out of time: a problem too.
        catch (Exception error) when (!(error is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            && problemFor?.Invoke(context, error) is { } problem)
        {
            return new HandlerResult(problem);
        }
    }
}

/// <summary>An <see cref="IResult"/> (minimal API typed result) executed as an MVC action result.</summary>
internal sealed class HandlerResult(IResult result) : IActionResult
{
    public IResult Result { get; } = result;

    public Task ExecuteResultAsync(ActionContext context) => Result.ExecuteAsync(context.HttpContext);
}
