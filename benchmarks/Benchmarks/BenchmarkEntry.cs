using BenchmarkDotNet.Running;

namespace Referrals.Benchmarks;

public static class BenchmarkEntry
{
    /// <summary>dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*'; or -- --clock-cost (the
    /// referral clock against a classic orchestration on the engine, see <see cref="Engine.ClockCost"/>).</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--clock-cost")) return await Engine.ClockCost.RunAsync(args);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
        return 0;
    }
}
