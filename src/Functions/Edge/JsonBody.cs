using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Referrals.Functions.Edge;

/// <summary>Reads and validates a JSON body by hand rather than through parameter binding, so that the
/// same handler runs unchanged under an Azure Functions HTTP trigger, and every failure is a problem:
/// 415 for another content type, 413 past the limit, 400 with the field's JSON path for bad JSON.
/// The body is never logged or echoed: the submit request carries a personal identity code.</summary>
internal static class JsonBody
{
    /// <summary>Commands are small; attachments have their own route and limit.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <param name="moreChecks">Checks that need more than the body (configuration), reported together.</param>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpContext context, CancellationToken cancellationToken, Func<T, IEnumerable<FieldError>>? moreChecks = null)
        where T : class, IValidatable
    {
        var (value, problem) = await ParseAsync<T>(context, cancellationToken);
        if (value is null) return (null, problem);
        var errors = value.Validate().Concat(moreChecks?.Invoke(value) ?? []).ToList();
        return errors.Count > 0 ? (null, Problem.Validation(context, errors)) : (value, null);
    }

    /// <summary>The body parsed, not yet checked (a <see cref="CommandRequest"/> checks itself as it becomes the command):
    /// the value, or else the problem.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ParseAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
            return (null, Problem.Of(context, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type"));
        if (request.ContentLength > MaxBytes)
            return (null, Problem.Of(context, StatusCodes.Status413PayloadTooLarge, "payload-too-large"));
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = MaxBytes;

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
                return (null, Problem.Of(context, StatusCodes.Status413PayloadTooLarge, "payload-too-large"));
        }

        CommandHeaders.RememberBody(context, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options(context));
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path;
            return (null, Problem.Validation(context, [new FieldError(field, "field.invalid")]));
        }
        return value is null ? (null, Problem.Of(context, StatusCodes.Status400BadRequest, "malformed-json")) : (value, null);
    }

    /// <summary>The host's JSON options (camelCase, enums by name), refusing unknown properties so that a
    /// misspelt field is a 400 rather than silently ignored.</summary>
    public static JsonSerializerOptions Options(HttpContext context)
    {
        var host = context.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions;
        return Strict.GetValue(host ?? JsonSerializerOptions.Web, h => new JsonSerializerOptions(h)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        });
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> Strict = [];
}
