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
using Referrals.Functions.Outbox;
using Referrals.Functions.Storage;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddReferralsApi(builder.Configuration, builder.Environment);
builder.Services.AddReferralsApplication(builder.Configuration);
builder.Services.AddReferralClockOrchestration();
builder.Services.AddSingleton<IOrchestrationInstances, DurableOrchestrationInstances>();
// The sweep's sources: open referrals (listing read model) and referrals with mail still to deliver.
builder.Services.AddSingleton<IOpenReferrals>(sp => new IndexOpenReferrals(sp.GetRequiredService<StorageAccount>().Index));
builder.Services.AddSingleton<IOpenReferrals>(sp => new PendingOutboxReferrals(sp.GetRequiredService<OutboxSweep>().PendingReferralsAsync));
builder.Build().Run();
