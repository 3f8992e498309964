// The Azure Functions host (production): the same application as the standalone host, registered by
// the same method, with the durable orchestration per referral as its clock and courier.
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Referrals.Functions.Azure.Orchestration;
using Referrals.Functions.Orchestration;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddReferralsApplication(builder.Configuration);
builder.Services.AddReferralClockOrchestration();
builder.Services.AddSingleton<IOrchestrationInstances, DurableOrchestrationInstances>();
builder.Build().Run();
