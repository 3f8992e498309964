using BenchmarkDotNet.Running;
using Referrals.Benchmarks.Scale;

namespace Referrals.Benchmarks;

public static class BenchmarkEntry
{
    /// <summary>dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*' (BenchmarkDotNet), or
    /// -- --scale [--sizes 1000,10000,100000] [--samples 100] (<see cref="ScaleRun"/>).</summary>
    public static int Main(string[] args)
    {
        if (args.Contains("--scale")) return ScaleRun.RunAsync(args).GetAwaiter().GetResult();
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
        return 0;
    }
}
