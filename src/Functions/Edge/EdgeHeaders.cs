using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Referrals.Functions.Edge;

/// <summary>Headers on every response of both hosts: <c>X-Content-Type-Options: nosniff</c> (API, attachment
/// downloads, signing page) and <c>Cache-Control: no-store</c> unless a handler chose otherwise (every answer
/// may carry client data, and a shared workstation's browser cache must not keep it); outside Development
/// <c>Strict-Transport-Security</c> (browsers heed it only over HTTPS).</summary>
internal static class EdgeHeaders
{
    public const string Hsts = "max-age=31536000; includeSubDomains";

    /// <summary>The standalone host's middleware (first in the pipeline, so error pages get the headers too).</summary>
    public static IApplicationBuilder UseEdgeHeaders(this IApplicationBuilder app)
    {
        var development = app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
        return app.Use((context, next) =>
        {
            Apply(context, development);
            return next(context);
        });
    }

    /// <summary>Sets the headers now, before the handler runs (the Azure Functions triggers: the worker's
    /// response may not run start callbacks); a handler that chooses its own Cache-Control replaces it.</summary>
    public static void ApplyNow(HttpContext context, bool development)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (string.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = "no-store";
        if (!development) headers.StrictTransportSecurity = Hsts;
    }

    /// <summary>Registers the headers for this response, set as it starts.</summary>
    public static void Apply(HttpContext context, bool development)
    {
        context.Response.OnStarting(static state =>
        {
            var (response, development) = ((HttpResponse, bool))state;
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (string.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = "no-store";
            // Browsers heed it only over HTTPS; behind the platform's TLS front end the request may look like HTTP.
            if (!development) headers.StrictTransportSecurity = Hsts;
            return Task.CompletedTask;
        }, (context.Response, development));
    }
}
