using BenchmarkDotNet.Running;
using Referrals.Benchmarks.Scale;

namespace Referrals.Benchmarks;

public static class BenchmarkEntry
{
    /// <summary>dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*' (BenchmarkDotNet); or
    /// -- --scale [--sizes 1000,10000,100000] [--samples 100] (<see cref="ScaleRun"/>); or -- --clock-cost (the
    /// referral clock against a classic orchestration on the engine, see <see cref="Engine.ClockCost"/>); or -- --reports
    /// [--referrals 100000] [--years 5] [--units 30] [--samples 30] (<see cref="ReportsRun"/>); or -- --sustained
    /// [--seconds 120] [--clients 8] (background delivery under load, <see cref="SustainedRun"/>).</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--clock-cost")) return await Engine.ClockCost.RunAsync(args);
        if (args.Contains("--scale")) return await ScaleRun.RunAsync(args);
        if (args.Contains("--reports")) return await ReportsRun.RunAsync(args);
        if (args.Contains("--sustained")) return await SustainedRun.RunAsync(args);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
        return 0;
    }
}
