namespace Referrals.Functions.Reports;

/// <summary><c>rebuild-reports</c>: the rebuild from the command line, with the host's configuration.</summary>
internal static class ReportRebuildCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var builder = Host.CreateApplicationBuilder(args);
        Hosting.ReferralsRegistration.AddReferralsApplication(builder.Services, builder.Configuration);
        using var host = builder.Build();
        var result = await host.Services.GetRequiredService<ReportRebuild>().RunAsync();
        await output.WriteLineAsync($"rebuilt: {result.Referrals} referrals, {result.Events} events, {result.Rows} rows in {result.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}
