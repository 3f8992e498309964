using Referrals.Functions.Reports;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Review;
using Referrals.Functions.Attachments;
using Referrals.Functions.Clients;
using Referrals.Functions.Decisions;
using Referrals.Functions.FollowUp;
using Referrals.Functions.Edge;
using Referrals.Functions.Referrals;
using Referrals.Functions.Auth;
using Referrals.Functions.Documents;
using Referrals.Functions.Operations;
using Referrals.Functions.Mail;
using Referrals.Functions.OpenApi;
using Referrals.Functions.Commands;
using Referrals.Functions.Signing;

namespace Referrals.Functions.Hosting;

/// <summary>The HTTP API as two calls: <c>services.AddReferralsApi(...)</c> and <c>app.MapReferralsApi()</c>, which maps
/// each capability's routes (<c>*Routes.cs</c>). The handlers are static methods over HttpContext, so the Azure Functions
/// HTTP triggers (<c>*Triggers.Azure.cs</c>) call the same code.</summary>
internal static class ReferralsApi
{
    public static IServiceCollection AddReferralsApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        });
        services.AddReferralProblems();
        services.AddReferralsAuth(configuration, environment);
        services.AddSignerSignIn(configuration);
        services.AddReferralsOpenApi();
        services.AddSharedKeyRing(configuration);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "referrals-signing";
            o.Cookie.Path = "/signing";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            // Over HTTPS only, except on a developer's plain-HTTP loopback.
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.FormFieldName = "form-check";
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddStartupChecks();
        services.AddUtf8HeaderReading();
        services.AddEdgeRateLimits(configuration);
        services.AddOptions<ClientIdOptions>().Bind(configuration.GetSection(ClientIdOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningOptions.Section));
        services.AddSingleton<ClientIds>();
        services.TryAddSingleton<IMalwareScanner>(sp => MalwareScannerFactory.Create(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AttachmentOptions>>()));
        services.AddSingleton<SigningTokens>();
        services.TryAddSingleton<ISigningGrants, TableSigningGrants>();
        services.AddOptions<Functions.Clients.DecisionDownloadOptions>().Bind(configuration.GetSection(Functions.Clients.DecisionDownloadOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Functions.Clients.IDecisionDownloadGrants, Functions.Clients.TableDecisionDownloadGrants>();
        // Replaces the default (a link to the referral) whichever registration runs first.
        services.RemoveAll<IMessageLinks>();
        services.AddSingleton<IMessageLinks, SigningLinks>();
        services.TryAddSingleton<IParkedMail, OutboxParkedMail>();
        services.AddSingleton<IReachabilityProbe, StorageProbe>();
        services.AddSingleton<IReachabilityProbe, SmtpProbe>();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Readiness>();
        Reports.ReportRegistration.AddReportsApi(services, configuration);
        return services;
    }

    public static WebApplication MapReferralsApi(this WebApplication app)
    {
        app.UseEdgeHeaders();
        app.UseReferralProblems();
        app.UseUtf8HeaderCheck();
        app.UseAuthentication();
        // After authentication: the API's limit is per user, the rest per client IP.
        app.UseRateLimiter();
        app.UseAuthorization();

        // Each capability maps its own routes; this order is the OpenAPI document's.
        ReferralRoutes.Map(app);
        ClientRoutes.Map(app);
        ReviewRoutes.Map(app);
        DecisionRoutes.Map(app);
        FollowUpRoutes.Map(app);
        AttachmentRoutes.Map(app);
        AccessLogRoutes.Map(app);
        SigningRoutes.Map(app);
        OperationsRoutes.Map(app);
        ReportRoutes.Map(app);
        app.MapReferralsOpenApi();
        return app;
    }
}
