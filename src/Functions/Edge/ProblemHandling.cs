using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Functions.Documents;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Edge;

/// <summary>The safety net: nothing a client sends ends in a bare 500 or an empty error body. Exceptions
/// that a request can provoke (bad JSON, too large, wrong type, a forged form) become the matching
/// problem; empty error responses (401 from the bearer handler, 405 from routing) get a problem body.</summary>
internal static class ProblemHandling
{
    public static IServiceCollection AddReferralProblems(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseReferralProblems(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleAsync, SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            await WriteErrorAsync(http, http.Response.StatusCode, CodeOf(http.Response.StatusCode));
        });
        return app;
    }

    public static string CodeOf(int status) => status switch
    {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        409 => "conflict",
        412 => "precondition-failed",
        413 => "payload-too-large",
        415 => "unsupported-media-type",
        429 => "too-many-requests",
        503 => "unavailable",
        _ => status < 500 ? "bad-request" : "unexpected",
    };

    private static async Task HandleAsync(HttpContext context)
    {
        var feature = context.Features.Get<IExceptionHandlerFeature>();
        var error = feature?.Error;
        var (status, code) = Classify(error, context.RequestAborted.IsCancellationRequested);
        AddRetryAfter(context, status);
        if (status >= 500)
        {
            // Only the type and the route: an exception message might quote request content.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Referrals.Functions.Problems")
                .LogError("Unhandled {ExceptionType} on {Method} {Route}", error?.GetType().FullName, context.Request.Method,
                    (feature?.Endpoint as RouteEndpoint)?.RoutePattern.RawText);
        }
        if (status < 500) await WriteErrorAsync(context, status, code);
        else await Problem.WriteAsync(context, status, code);
    }

    /// <summary>An error answered before or outside a handler: problem+json, except on the signing page,
    /// which a person reads in a browser: there it is the page's own HTML error page with the status.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string code) =>
        context.Request.Path.StartsWithSegments("/signing")
            ? Signing.SigningPages.Refusal(context, "fi", "bad-request", status).ExecuteAsync(context)
            : Problem.WriteAsync(context, status, code);

    /// <summary>A 503 says when to come back: <see cref="StorageTimeoutOptions.RetryAfter"/>, in seconds.</summary>
    public static void AddRetryAfter(HttpContext context, int status)
    {
        if (status != StatusCodes.Status503ServiceUnavailable) return;
        var after = context.RequestServices.GetService<IOptions<StorageTimeoutOptions>>()?.Value.RetryAfter ?? TimeSpan.FromSeconds(5);
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The status and problem code of an exception a handler threw. Storage that does not
    /// answer (<see cref="StorageFaults"/>) is a 503 <c>storage-unavailable</c>, not a 500.</summary>
    public static (int Status, string Code) Classify(Exception? error, bool callerCancelled = false) => error switch
    {
        BadHttpRequestException { StatusCode: 413 } => (413, "payload-too-large"),
        BadHttpRequestException { StatusCode: 415 } => (415, "unsupported-media-type"),
        BadHttpRequestException { InnerException: JsonException } => (400, "malformed-json"),
        BadHttpRequestException b => (b.StatusCode is >= 400 and < 500 ? b.StatusCode : 400, CodeOf(b.StatusCode is >= 400 and < 500 ? b.StatusCode : 400)),
        JsonException => (400, "malformed-json"),
        DocumentRejectedException { Reason: DocumentRejection.TooLarge } => (413, "payload-too-large"),
        DocumentRejectedException { Reason: DocumentRejection.UnsupportedType } => (415, "unsupported-media-type"),
        DocumentRejectedException { Reason: DocumentRejection.IdAlreadyUsed } => (422, "idempotency-key-reused"),
        DocumentRejectedException => (400, "empty-attachment"),
        InvalidDataException => (413, "payload-too-large"),
        AntiforgeryValidationException => (400, "bad-request"),
        // A sealed client record that fails its integrity check is refused with a reason, never shown, never a 500.
        Clients.ClientRecordUnreadableException => (409, "client-record-unreadable"),
        _ when StorageFaults.IsUnavailable(error, callerCancelled) => (503, "storage-unavailable"),
        _ => (500, "unexpected"),
    };
}
