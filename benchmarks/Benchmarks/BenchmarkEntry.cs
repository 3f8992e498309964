using BenchmarkDotNet.Running;

namespace Referrals.Benchmarks;

public static class BenchmarkEntry
{
    /// <summary>dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*'</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
}
