using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Referrals.Functions.Text;

namespace Referrals.Functions.Edge;

/// <summary>RFC 9457 problem details for every error the API returns: a stable <c>type</c> per code,
/// a title in the caller's language (Finnish by default) and, for validation, per-field messages.
/// The codes are part of the contract: clients branch on <c>type</c>, people read <c>title</c>.</summary>
internal static class Problem
{
    public const string TypeBase = "https://referrals.example/problems/";

    public static string TypeOf(string code) => TypeBase + code;

    /// <summary>A problem whose title is the text <c>problem.{code}</c> (or <paramref name="textKey"/>).</summary>
    public static ProblemHttpResult Of(HttpContext context, int status, string code, string? detail = null, string? textKey = null)
    {
        var language = ApiTexts.LanguageOf(context.Request);
        return Write(context, new ProblemDetails
        {
            Type = TypeOf(code),
            Status = status,
            Title = ApiTexts.Get(textKey ?? $"problem.{code}", language),
            Detail = detail,
        }, code, language);
    }

    /// <summary>400 with per-field messages; <paramref name="fields"/> maps a field to text keys.</summary>
    public static ProblemHttpResult Validation(HttpContext context, IEnumerable<FieldError> fields)
    {
        var language = ApiTexts.LanguageOf(context.Request);
        var errors = fields
            .GroupBy(f => f.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => ApiTexts.Get(f.TextKey, language)).Distinct().ToArray(), StringComparer.Ordinal);
        return Write(context, new HttpValidationProblemDetails(errors)
        {
            Type = TypeOf("validation"),
            Status = StatusCodes.Status400BadRequest,
            Title = ApiTexts.Get("problem.validation", language),
        }, "validation", language);
    }

    public static Task WriteAsync(HttpContext context, int status, string code, string? detail = null) =>
        Of(context, status, code, detail).ExecuteAsync(context);

    /// <summary>PascalCase → kebab-case, so that enum names (stable by contract) become problem codes.</summary>
    public static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    private static ProblemHttpResult Write(HttpContext context, ProblemDetails problem, string code, string language)
    {
        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        context.Response.Headers.ContentLanguage = language;
        return TypedResults.Problem(problem);
    }
}

/// <summary>One field's error: the JSON path of the field and the text key of its message.</summary>
internal sealed record FieldError(string Field, string TextKey);
