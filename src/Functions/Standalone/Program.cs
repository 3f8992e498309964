// The standalone host: the same application as the Azure Functions build, on ASP.NET Core, with the
// clock and courier as hosted services. Used for local development, tests and small deployments.
using Referrals.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddReferralsApplication(builder.Configuration).AddStandaloneClockAndCourier();
var app = builder.Build();
app.MapGet("/api/health", () => Results.Ok(new { status = "ok" }));
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
