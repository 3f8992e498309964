// The Azure Functions host (production): the same application as the standalone host, registered by
// the same methods in the same order, with the durable orchestration per referral as its clock and
// courier instead of the standalone hosted services.
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Referrals.Functions.Api;
using Referrals.Functions.AzureFunctions.Orchestration;
using Referrals.Functions.Hosting;
using Referrals.Functions.Orchestration;
using Referrals.Functions.Storage;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddReferralsApi(builder.Configuration, builder.Environment);
builder.Services.AddReferralsApplication(builder.Configuration);
builder.Services.AddReferralClockOrchestration();
builder.Services.AddSingleton<IOrchestrationInstances, DurableOrchestrationInstances>();
builder.Services.AddSingleton<IOpenReferrals>(sp => new IndexOpenReferrals(sp.GetRequiredService<StorageAccount>().Index));
builder.Build().Run();
