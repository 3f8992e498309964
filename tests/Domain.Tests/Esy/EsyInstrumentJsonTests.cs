using Referrals.Domain.Esy;

namespace Referrals.Domain.Tests.Esy;

public class EsyInstrumentJsonTests
{
    [Fact]
    public void The_example_file_reads_with_its_areas_and_scale()
    {
        var instrument = ExampleInstrument.Load();
        Assert.Equal("esy-test-example", instrument.Id);
        Assert.Equal(6, instrument.Areas.Count);
        Assert.Equal(("housing", "Asuminen", "Boende"), (instrument.Areas[0].Code, instrument.Areas[0].NameFi, instrument.Areas[0].NameSv));
        Assert.Equal((1, 10), (instrument.ScaleMin, instrument.ScaleMax));
        Assert.True(instrument.HigherIsBetter);
    }

    [Fact]
    public void Higher_is_better_unless_the_configuration_says_otherwise()
    {
        const string json = """{"id":"x","nameFi":"x","nameSv":"x","isExample":true,"scaleMin":0,"scaleMax":4,"areas":[{"code":"a","nameFi":"A","nameSv":"A"}]}""";
        Assert.True(EsyInstrumentJson.Parse(json, out _)!.RisingIsBetter);
        Assert.False(EsyInstrumentJson.Parse(json.Replace("\"isExample\"", "\"higherIsBetter\":false,\"isExample\""), out _)!.RisingIsBetter);
        Assert.False(EsyInstrumentJson.Parse(json.Replace("\"isExample\"", "\"direction\":\"LowerIsBetter\",\"isExample\""), out _)!.RisingIsBetter);
    }

    [Theory]
    [InlineData("not json", null)]
    [InlineData("""{"id":"x","nameFi":"x","nameSv":"x","isExample":true,"scaleMin":0,"scaleMax":4,"areas":[]}""", "areas")]
    [InlineData("""{"id":"x","nameFi":"x","nameSv":"x","isExample":true,"scaleMin":4,"scaleMax":4,"areas":[{"code":"a","nameFi":"A","nameSv":"A"}]}""", "scale")]
    [InlineData("""{"id":"x","nameFi":"x","nameSv":"x","isExample":true,"scaleMin":0,"scaleMax":4,"areas":[{"code":"a","nameFi":"A","nameSv":"A"},{"code":"a","nameFi":"B","nameSv":"B"}]}""", "areas.code.duplicate")]
    [InlineData("""{"id":"","nameFi":"x","nameSv":"x","isExample":true,"scaleMin":0,"scaleMax":4,"areas":[{"code":"a","nameFi":"A","nameSv":"A"}]}""", "id")]
    public void A_broken_instrument_is_a_value_not_an_exception(string json, string? expectedProblem)
    {
        Assert.Null(EsyInstrumentJson.Parse(json, out var problem));
        Assert.NotNull(problem);
        if (expectedProblem is not null) Assert.Equal(expectedProblem, problem);
    }
}
