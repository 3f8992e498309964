using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Referrals.Functions.AzureFunctions.Orchestration;
using Referrals.Functions.HttpTriggers;
using Referrals.Functions.Problems;

namespace Referrals.Functions.AzureFunctions.Http;

/// <summary>What every HTTP trigger does around the shared handler: authenticate, run, map request
/// errors to the same problem details as the standalone host (<see cref="ProblemHandling"/>).</summary>
internal static class ApiTrigger
{
    public static Task<IActionResult> RunAsync(HttpRequest request, Func<HttpContext, CancellationToken, Task<IResult>> handler) =>
        HandlerInvocation.RunAsync(request, handler, ProblemFor);

    /// <summary>A handler that may commit a command: the notifier then wakes (or schedules) the referral's
    /// clock through this invocation's durable client.</summary>
    public static async Task<IActionResult> RunCommandAsync(
        HttpRequest request, DurableTaskClient client, Func<HttpContext, CancellationToken, Task<IResult>> handler)
    {
        using (DurableClientScope.Use(client))
            return await RunAsync(request, handler);
    }

    private static IResult ProblemFor(HttpContext context, Exception error)
    {
        var (status, code) = ProblemHandling.Classify(error, context.RequestAborted.IsCancellationRequested);
        ProblemHandling.AddRetryAfter(context, status);
        if (status >= 500)
        {
            // Only the type and the route, as the standalone host logs: a message might quote request content.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Referrals.Functions.Problems")
                .LogError("Unhandled {ExceptionType} on {Method} {Path}", error.GetType().FullName, context.Request.Method, context.Request.Path.Value);
        }
        return Problem.Of(context, status, code);
    }
}
