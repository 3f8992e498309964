// Protocol: prints "READY" once the Durable Task engine (the referral clocks) runs; then for each stdin line
// "submit|approve {referralId} {idempotencyKey}" runs the command and prints "ACK {key} {result}".
// Settings come as --Section:Key=value arguments (the same keys as appsettings).
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Hosting;
using Referrals.Functions.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Clock;
using Referrals.Functions.Reports;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddReferralsApplication(builder.Configuration).AddStandaloneEngine(builder.Configuration);
using var host = builder.Build();
await host.StartAsync();
var commands = host.Services.GetRequiredService<IReferralCommands>();
var worker = new Actor("worker-1", Role.ReferringWorker, "vantaa-adult-social-work");
var member = new Actor("member-1", Role.ReviewBodyMember, "vantaa-steering-group");
Console.Out.WriteLine("READY");
Console.Out.Flush();

while (await Console.In.ReadLineAsync() is { } line)
{
    var parts = line.Split(' ');
    if (parts.Length != 3) continue;
    ReferralCommand command = parts[0] == "submit"
        ? new SubmitReferral("vantaa-steering-group", "client-1", new DateOnly(1990, 5, 5), "sr-everyday-coaching",
            "Tuen tarve arvioitu.", ImmutableList.Create("Päivärytmi"), new DateOnly(2026, 3, 2)) { By = worker }
        : new ReviewReferral(ReviewOutcome.Approve, "Tarve on selvä.") { By = member };
    var result = await commands.ExecuteAsync(parts[1], command, parts[2], null);
    Console.Out.WriteLine($"ACK {parts[2]} {result.GetType().Name}");
    Console.Out.Flush();
}
await host.StopAsync();
