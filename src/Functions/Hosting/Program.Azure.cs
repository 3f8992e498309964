// The Azure Functions host (production): the same application as the standalone host, registered by
// the same methods in the same order. The referral clock is the same orchestrator and activities; here
// the Functions Durable Task extension runs them, and its [DurableClient] binding is the client.
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Referrals.Functions.Hosting;
using Referrals.Functions.Referrals;
using Referrals.Functions.Clock;
using Referrals.Functions.Reports;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddReferralsApi(builder.Configuration, builder.Environment);
builder.Services.AddReferralsApplication(builder.Configuration);
builder.Services.AddSingleton<IOrchestrationInstances>(new DurableTaskClientInstances(() => DurableClientScope.Current
    ?? throw new InvalidOperationException("No durable client in this invocation: declare [DurableClient] DurableTaskClient and wrap the call in DurableClientScope.Use.")));
builder.Build().Run();
