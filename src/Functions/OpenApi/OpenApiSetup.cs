using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Referrals.Functions.Text;
using Scalar.AspNetCore;

namespace Referrals.Functions.OpenApi;

/// <summary>The OpenAPI document (/api/openapi/v1.json) with examples, problem responses and the bearer
/// scheme, and the Scalar UI (/api/docs). A committed copy (docs/openapi.v1.json) is checked by a test.</summary>
internal static class OpenApiSetup
{
    public const string DocumentPath = "/api/openapi/{documentName}.json";
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddReferralsOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Social-rehabilitation referrals API",
                    Version = "v1",
                    Description = "Referrals (sosiaalisen kuntoutuksen lähetteet) from submission through review, decision, signing " +
                                  "and follow-up. Errors are RFC 9457 problem details with a stable `type` " +
                                  $"({Problem.TypeBase}{{code}}) and a title in Finnish, Swedish or English by Accept-Language.",
                };
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [BearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "JWT",
                        Description = "Entra ID in production; in development mint one with `dotnet run --project src/Functions -- mint-token`.",
                    },
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(TransformOperation);
            options.AddSchemaTransformer(ExactSchemas.TransformSchema);
            options.AddDocumentTransformer(ExactSchemas.TransformDocument);
        });
        return services;
    }

    public static void MapReferralsOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous().ExcludeFromDescription();
        app.MapScalarApiReference("/api/docs", options => options
            .WithTitle("Social-rehabilitation referrals API")
            .WithOpenApiRoutePattern(DocumentPath)).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task TransformOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        await AllProducedMediaTypes(operation, context, cancellationToken);
        Describe(operation, context);
    }

    /// <summary>One status may be produced as several media types with different bodies (a report as JSON
    /// with its schema, or CSV and HTML as text); the generator keeps only the last declaration, so every
    /// declared media type is added back with its own schema.</summary>
    private static async Task AllProducedMediaTypes(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var produced in context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>())
        {
            var status = produced.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses?.TryGetValue(status, out var found) != true || found is not OpenApiResponse response) continue;
            foreach (var media in produced.ContentTypes)
            {
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                if (response.Content.ContainsKey(media)) continue;
                response.Content[media] = new OpenApiMediaType
                {
                    Schema = produced.Type is { } type && type != typeof(void) ? await context.GetOrCreateSchemaAsync(type, null, cancellationToken) : null,
                };
            }
        }
    }

    private static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
        }

        if (metadata.OfType<IAcceptsMetadata>().FirstOrDefault()?.RequestType is { } requestType
            && ApiExamples.For(requestType) is { } requestExample
            && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values) media.Example = JsonSerializer.SerializeToNode(requestExample, requestType, json);
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            if (ParameterDescriptions.TryGetValue(parameter.Name ?? "", out var description)) parameter.Description = description;

        // From the handlers' typed results (Versions): no list of routes.
        var versioned = metadata.OfType<ETagMetadata>().Any();
        foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
        {
            if (response is not OpenApiResponse concrete) continue;
            if (status == "201")
                (concrete.Headers ??= new Dictionary<string, IOpenApiHeader>())["Location"] = Header("Where the new resource is.");
            if (versioned && status is "200" or "201" or "412")
                (concrete.Headers ??= new Dictionary<string, IOpenApiHeader>())["ETag"] = Header("The referral's version, for If-Match.");
        }

        foreach (var responseType in context.Description.SupportedResponseTypes)
        {
            var status = responseType.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses?.TryGetValue(status, out var response) != true || response?.Content is null) continue;
            JsonNode? example = responseType.StatusCode >= 400
                ? ProblemExample(responseType.StatusCode, json)
                : responseType.Type is { } t && ApiExamples.For(t) is { } e ? JsonSerializer.SerializeToNode(e, t, json) : null;
            if (example is null) continue;
            foreach (var media in response.Content.Values) media.Example = example;
        }
    }

    private static OpenApiHeader Header(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    private static readonly Dictionary<string, string> ParameterDescriptions = new(StringComparer.Ordinal)
    {
        ["id"] = "The referral id, as in the Location of the submission.",
        ["attachmentId"] = "The attachment id, as in the Location of the upload.",
        ["token"] = "The single-use signing token from the mail.",
        ["Idempotency-Key"] = "Optional. The same key again returns the first result and writes nothing. At most 64 characters: letters, digits, - _ . :",
        ["If-Match"] = "Optional. The ETag you read; if the referral has changed since, 412 and nothing is written.",
        ["unit"] = "One of the caller's units; may be left out when the caller has only one.",
        ["reviewBody"] = "One of the caller's review bodies; may be left out when the caller has only one.",
        ["status"] = "Only referrals in this status (ReferralStatus name).",
        [Paging.ContinuationParameter] = "The continuation of the previous page, unchanged (opaque); a token this listing did not issue is a 400.",
        [Paging.LimitParameter] = $"Rows per page: 1–{Paging.MaxLimit}, default {Paging.DefaultLimit}.",
    };

    private static JsonNode? ProblemExample(int status, JsonSerializerOptions json)
    {
        var code = status == 400 ? "validation" : ProblemHandling.CodeOf(status);
        if (status == 422) code = "age-out-of-range";
        var problem = new Dictionary<string, object?>
        {
            ["type"] = Problem.TypeOf(code),
            ["title"] = ApiTexts.Get(status == 422 ? "rejection.AgeOutOfRange" : $"problem.{code}", "fi"),
            ["status"] = status,
            ["code"] = code,
            ["traceId"] = "0HNB4LQ1V3S5K:00000001",
        };
        if (status == 400) problem["errors"] = new Dictionary<string, string[]> { ["goals"] = [ApiTexts.Get("field.required", "fi")] };
        return JsonSerializer.SerializeToNode(problem, json);
    }
}
