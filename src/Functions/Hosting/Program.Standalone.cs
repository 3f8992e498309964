// The standalone host: the same application as the Azure Functions build, on ASP.NET Core, with the
// same referral clock orchestration on the Durable Task engine in-process. Used for local development,
// tests and small deployments.
using Referrals.Functions.Hosting;
using Referrals.Functions.Referrals;
using Referrals.Functions.Auth;
using Referrals.Functions.Clock;
using Referrals.Functions.Reports;

if (args.FirstOrDefault() == "mint-token")
    return DevelopmentTokens.RunCli(args, Console.Out, Console.Error);
if (args.FirstOrDefault() == "rebuild-reports")
    return await Referrals.Functions.Reports.ReportRebuildCli.RunAsync(args[1..], Console.Out);

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddReferralsApi(builder.Configuration, builder.Environment);
builder.Services.AddReferralsApplication(builder.Configuration).AddStandaloneEngine(builder.Configuration);
var app = builder.Build();
app.MapReferralsApi();
app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
