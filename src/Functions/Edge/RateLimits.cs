using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Referrals.Functions.Edge;

/// <summary>One window of requests: at most <see cref="PermitLimit"/> per <see cref="Window"/>.</summary>
internal sealed class RateLimit
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The limits of the edge (section <c>RateLimits</c>, validated at start): per client IP on the
/// signing page and on the anonymous routes (health, the API reference, and any request without a valid
/// token), per signed-in user on the API.</summary>
internal sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Per user id (<c>sub</c>) on every authenticated API call.</summary>
    [Required]
    public RateLimit ApiPerUser { get; set; } = new() { PermitLimit = 300 };

    /// <summary>Per IP on <c>/signing</c> (the link in a mail: a guessed or leaked token is tried slowly).</summary>
    [Required]
    public RateLimit SigningPerIp { get; set; } = new() { PermitLimit = 30 };

    /// <summary>Per IP on everything without a valid token.</summary>
    [Required]
    public RateLimit AnonymousPerIp { get; set; } = new() { PermitLimit = 120 };

    /// <summary>Take the client IP from the last X-Forwarded-For entry (the one the platform's front end
    /// appends; Azure sets this). Off: the connection's remote address.</summary>
    public bool UseForwardedFor { get; set; }
}

/// <summary>The one limiter both hosts use: the standalone host through ASP.NET Core's rate-limiting
/// middleware (its global limiter), the Azure Functions triggers in <see cref="HandlerInvocation"/>.
/// Rejections are 429 problems with Retry-After.</summary>
internal sealed class EdgeRateLimiter : IDisposable
{
    private readonly RateLimitOptions options;

    public EdgeRateLimiter(IOptions<RateLimitOptions> options)
    {
        this.options = options.Value;
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var (key, limit) = PartitionOf(context);
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    private (string Key, RateLimit Limit) PartitionOf(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/signing") || context.Request.Path.StartsWithSegments("/decision-download"))
            return ("signing|" + ClientIp(context), options.SigningPerIp);
        var user = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst("sub")?.Value : null;
        return user is null
            ? ("anonymous|" + ClientIp(context), options.AnonymousPerIp)
            : ("user|" + user, options.ApiPerUser);
    }

    private string ClientIp(HttpContext context)
    {
        if (options.UseForwardedFor && context.Request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
        {
            var last = forwarded.Split(',')[^1].Trim();
            // "ip:port" or "[v6]:port" from some front ends.
            if (IPEndPoint.TryParse(last, out var endpoint)) return endpoint.Address.ToString();
            if (IPAddress.TryParse(last, out var address)) return address.ToString();
        }
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>The 429 problem, with Retry-After in whole seconds when the limiter knows it.</summary>
    public static Task RejectAsync(HttpContext context, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Problem.WriteAsync(context, StatusCodes.Status429TooManyRequests, "too-many-requests");
    }

    public void Dispose() => Limiter.Dispose();
}

internal static class RateLimitSetup
{
    public static IServiceCollection AddEdgeRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => new[] { o.ApiPerUser, o.SigningPerIp, o.AnonymousPerIp }.All(l =>
                Validator.TryValidateObject(l, new ValidationContext(l), null, validateAllProperties: true)),
                "RateLimits: every PermitLimit 1–1 000 000 and Window 1 s – 1 h.")
            .ValidateOnStart();
        services.AddSingleton<EdgeRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<EdgeRateLimiter>((o, limiter) =>
        {
            o.GlobalLimiter = limiter.Limiter;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (rejected, _) => new ValueTask(EdgeRateLimiter.RejectAsync(rejected.HttpContext, rejected.Lease));
        });
        return services;
    }
}
