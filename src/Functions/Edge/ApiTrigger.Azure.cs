using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Referrals.Functions.Clock;
using Referrals.Functions.Reports;

namespace Referrals.Functions.Edge;

/// <summary>What every HTTP trigger does around the shared handler: authenticate, run, map request
/// errors to the same problem details as the standalone host (<see cref="ProblemHandling"/>).</summary>
internal static class ApiTrigger
{
    public static Task<IActionResult> RunAsync<TResult>(HttpRequest request, Func<HttpContext, CancellationToken, Task<TResult>> handler)
        where TResult : IResult =>
        HandlerInvocation.RunAsync(request, handler, ProblemFor);

    /// <summary>A handler that may commit a command: the notifier then wakes (or schedules) the referral's
    /// clock through this invocation's durable client.</summary>
    public static async Task<IActionResult> RunCommandAsync<TResult>(
        HttpRequest request, DurableTaskClient client, Func<HttpContext, CancellationToken, Task<TResult>> handler)
        where TResult : IResult
    {
        using (DurableClientScope.Use(client))
            return await RunAsync(request, handler);
    }

    /// <summary>The triggers' route templates (from their [HttpTrigger] attributes: one source).</summary>
    private static readonly Lazy<string[][]> Templates = new(() => typeof(ApiTrigger).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        .SelectMany(m => m.GetParameters())
        .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()?.Route)
        .OfType<string>().Distinct().Select(r => r.Split('/')).ToArray());

    /// <summary>The route template a path matched (e.g. <c>/signing/{token}</c>), or <c>?</c>: never the path.</summary>
    internal static string RouteTemplateOf(PathString path)
    {
        var segments = (path.Value ?? "").Trim('/').Split('/');
        var match = Templates.Value.FirstOrDefault(t => t.Length == segments.Length &&
            t.Zip(segments).All(p => p.First.StartsWith('{') || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase)));
        return match is null ? "?" : "/" + string.Join('/', match);
    }

    private static IResult ProblemFor(HttpContext context, Exception error)
    {
        var (status, code) = ProblemHandling.Classify(error, context.RequestAborted.IsCancellationRequested);
        ProblemHandling.AddRetryAfter(context, status);
        if (status >= 500)
        {
            // Only the type and the route template, as the standalone host logs: a message might quote request
            // content, and the raw path may hold a signing token or a referral id.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Referrals.Functions.Problems")
                .LogError("Unhandled {ExceptionType} on {Method} {Route}", error.GetType().FullName, context.Request.Method, RouteTemplateOf(context.Request.Path));
        }
        return Problem.Of(context, status, code);
    }
}
