using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Functions.Edge;

namespace Referrals.Functions.Tests.Edge;

public class HandlerInvocationTests
{
    [Fact]
    public async Task The_caller_is_authenticated_before_the_handler_runs()
    {
        var context = Request(user: "worker-1");
        string? seen = null;

        await HandlerInvocation.RunAsync(context.Request, (http, _) =>
        {
            seen = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirst("sub")?.Value : "anonymous";
            return Task.FromResult(Results.Ok());
        });

        Assert.Equal("worker-1", seen);
    }

    [Fact]
    public async Task Without_credentials_the_handler_sees_an_anonymous_caller_and_decides_itself()
    {
        var context = Request(user: null);

        var action = await HandlerInvocation.RunAsync(context.Request, (http, _) =>
            Task.FromResult(http.User.Identity?.IsAuthenticated == true ? Results.Ok() : Results.Unauthorized()));
        await Execute(action, context);

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
    }

    [Fact]
    public async Task The_typed_result_is_written_as_the_standalone_host_writes_it()
    {
        var context = Request(user: "worker-1");

        var action = await HandlerInvocation.RunAsync(context.Request, (_, _) =>
            Task.FromResult<IResult>(TypedResults.Created("/api/referrals/r-1", new { id = "r-1" })));
        await Execute(action, context);

        Assert.Equal(StatusCodes.Status201Created, context.Response.StatusCode);
        Assert.Equal("/api/referrals/r-1", context.Response.Headers.Location.ToString());
        context.Response.Body.Position = 0;
        Assert.Equal("{\"id\":\"r-1\"}", await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task The_request_abort_token_reaches_the_handler()
    {
        using var abort = new CancellationTokenSource();
        var context = Request(user: null);
        context.RequestAborted = abort.Token;
        CancellationToken seen = default;

        await HandlerInvocation.RunAsync(context.Request, (_, token) => { seen = token; return Task.FromResult(Results.Ok()); });

        Assert.Equal(abort.Token, seen);
    }

    [Fact]
    public async Task A_request_error_becomes_the_problem_the_mapper_chooses()
    {
        var context = Request(user: null);

        var action = await HandlerInvocation.RunAsync<IResult>(context.Request,
            (_, _) => throw new BadHttpRequestException("bad", 413),
            (_, error) => error is BadHttpRequestException b ? Results.Problem(statusCode: b.StatusCode) : null);
        await Execute(action, context);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
    }

    [Fact]
    public async Task An_error_the_mapper_does_not_know_is_not_hidden()
    {
        var context = Request(user: null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => HandlerInvocation.RunAsync<IResult>(context.Request,
            (_, _) => throw new InvalidOperationException("bug"), (_, _) => null));
    }

    [Fact]
    public void Query_and_header_values_bind_like_the_standalone_host()
    {
        var context = Request(user: null);
        context.Request.QueryString = new QueryString("?pageSize=25&unit=u1&bad=x1");
        context.Request.Headers["Idempotency-Key"] = "k-1";

        Assert.Equal(25, RequestValues.OptionalInt(context.Request, "pageSize"));
        Assert.Null(RequestValues.OptionalInt(context.Request, "missing"));
        Assert.Equal("u1", RequestValues.Query(context.Request, "unit"));
        Assert.Equal("k-1", RequestValues.Header(context.Request, "Idempotency-Key"));
        Assert.Null(RequestValues.Header(context.Request, "If-Match"));
        var error = Assert.Throws<BadHttpRequestException>(() => RequestValues.OptionalInt(context.Request, "bad"));
        Assert.Equal(400, error.StatusCode);
    }

    private static DefaultHttpContext Request(string? user)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAuthentication(HeaderAuthentication.Name)
            .AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.Name, _ => { });
        var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        if (user is not null) context.Request.Headers[HeaderAuthentication.Header] = user;
        return context;
    }

    private static Task Execute(IActionResult action, HttpContext context) =>
        action.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));

    /// <summary>Stands in for the JWT bearer scheme: the default scheme authenticates from a header.</summary>
    private sealed class HeaderAuthentication(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "Test";
        public const string Header = "X-Test-User";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var user)) return Task.FromResult(AuthenticateResult.NoResult());
            var identity = new ClaimsIdentity([new Claim("sub", user.ToString())], Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
        }
    }
}
