using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Referrals.Functions.Edge;

/// <summary>The referral's version (its event count) as an HTTP entity tag, so that a client can say
/// "only if nobody changed it since I read it" with If-Match and get 412 otherwise.</summary>
internal static class Versions
{
    public static string ETagOf(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void Stamp(HttpResponse response, int version) => response.Headers.ETag = ETagOf(version);

    /// <summary>200 with <paramref name="value"/> and the referral's version as ETag.</summary>
    public static VersionedOk<T> Ok<T>(T value, int version) => new(value, version);

    /// <summary>201 with <paramref name="value"/>, its Location and the referral's version as ETag.</summary>
    public static VersionedCreated<T> Created<T>(string location, T value, int version) => new(location, value, version);
}

/// <summary>Endpoint metadata: the route answers with the referral's version as ETag (on 200/201, and on 412 where it takes If-Match),
/// so the OpenAPI document declares the header from the handler's result type, not from a list of routes.</summary>
internal sealed class ETagMetadata
{
    public static readonly ETagMetadata Instance = new();

    private ETagMetadata() { }
}

/// <summary>A typed result that answers with the referral's version as ETag and declares, from the handler's
/// signature, its status, body and that header (<see cref="ETagMetadata"/>).</summary>
internal abstract class VersionedResult(int version) : IResult, IStatusCodeHttpResult
{
    public int Version { get; } = version;

    public abstract int? StatusCode { get; }

    /// <summary>The answer itself, without the ETag.</summary>
    protected abstract IResult Answer { get; }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        Versions.Stamp(httpContext.Response, Version);
        return Answer.ExecuteAsync(httpContext);
    }

    protected static void Declare(EndpointBuilder builder, int status, Type body, string contentType)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, body, [contentType]));
        builder.Metadata.Add(ETagMetadata.Instance);
    }
}

/// <summary>200 JSON and the referral's version as ETag.</summary>
internal sealed class VersionedOk<T>(T value, int version) : VersionedResult(version), IEndpointMetadataProvider, IValueHttpResult, IValueHttpResult<T>
{
    public T Value { get; } = value;

    public override int? StatusCode => StatusCodes.Status200OK;

    object? IValueHttpResult.Value => Value;

    protected override IResult Answer => TypedResults.Ok(Value);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status200OK, typeof(T), "application/json");
}

/// <summary>201 JSON with Location and the referral's version as ETag.</summary>
internal sealed class VersionedCreated<T>(string location, T value, int version) : VersionedResult(version), IEndpointMetadataProvider, IValueHttpResult, IValueHttpResult<T>
{
    public string Location { get; } = location;

    public T Value { get; } = value;

    public override int? StatusCode => StatusCodes.Status201Created;

    object? IValueHttpResult.Value => Value;

    protected override IResult Answer => TypedResults.Created(Location, Value);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status201Created, typeof(T), "application/json");
}

/// <summary>200 HTML (UTF-8) and the referral's version as ETag.</summary>
internal sealed class VersionedHtml(string html, int version) : VersionedResult(version), IEndpointMetadataProvider
{
    public string Html { get; } = html;

    public override int? StatusCode => StatusCodes.Status200OK;

    protected override IResult Answer => TypedResults.Text(Html, "text/html", System.Text.Encoding.UTF8);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status200OK, typeof(string), "text/html");
}
