using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;

namespace Referrals.Functions.OpenApi;

/// <summary>Makes the generated schemas say what the API does. An enum lists its names only (the
/// generator adds <c>null</c> to the enum itself when a nullable property first meets it, so that a
/// nullable property's <c>oneOf [null, enum]</c> then matched a null twice and validated never). A
/// request body's required fields are those its own <see cref="IValidatable.Validate"/> reports as
/// missing on an empty body, the one source of what is required; they are non-null and listed in
/// <c>required</c>, and the others are optional.</summary>
internal static class ExactSchemas
{
    /// <summary>Enums: their names only, as strings.</summary>
    public static Task TransformSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Enum is { Count: > 0 } values && values.Any(v => v is null))
        {
            schema.Enum = values.Where(v => v is not null).ToList();
            if (schema.Enum.All(v => v is JsonValue value && value.TryGetValue<string>(out _))) schema.Type = JsonSchemaType.String;
        }
        return Task.CompletedTask;
    }

    /// <summary>Request bodies, once every schema is in the components (a nullable enum property is a
    /// <c>oneOf</c> only then): required fields non-null and listed, the others optional.</summary>
    public static Task TransformDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return Task.CompletedTask;
        if (schemas.TryGetValue("ProblemDetails", out var p) && p is OpenApiSchema { Properties: { } problem } problemSchema)
        {
            // Every problem this API writes has a type, a title, a status and a code (Problem.Of).
            problemSchema.Required = new HashSet<string>(["type", "title", "status", "code"], StringComparer.Ordinal);
            foreach (var name in new[] { "type", "title" }) problem[name] = NonNull(problem[name]);
            problem["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" };
            problem["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The problem code, the last segment of `type`." };
            problem["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String };
            problem["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Validation (400): field → messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }
        foreach (var type in RequestTypes)
        {
            if (!schemas.TryGetValue(type.Name, out var found) || found is not OpenApiSchema { Properties: { } properties } schema) continue;
            var required = RequiredFields(type);
            schema.Required = new HashSet<string>(properties.Keys.Where(required.Contains), StringComparer.Ordinal);
            foreach (var name in schema.Required) properties[name] = NonNull(properties[name]);
        }
        return Task.CompletedTask;
    }

    /// <summary>Every request body type of the API.</summary>
    public static IEnumerable<Type> RequestTypes => typeof(IValidatable).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IValidatable).IsAssignableFrom(t));

    /// <summary>The fields an empty body is refused for as missing (<c>field.required</c>).</summary>
    public static IReadOnlySet<string> RequiredFields(Type requestType)
    {
        var empty = (IValidatable)RuntimeHelpers.GetUninitializedObject(requestType);
        return empty.Validate().Where(e => e.TextKey == "field.required").Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
    }

    private static IOpenApiSchema NonNull(IOpenApiSchema property)
    {
        if (property is OpenApiSchema { OneOf: { Count: 2 } oneOf } && oneOf.FirstOrDefault(s => s is OpenApiSchemaReference) is { } reference
            && oneOf.Any(s => s is OpenApiSchema { Type: JsonSchemaType.Null }))
            return reference;
        if (property is OpenApiSchema concrete && concrete.Type is { } t && t.HasFlag(JsonSchemaType.Null))
            concrete.Type = t & ~JsonSchemaType.Null;
        return property;
    }
}
