using Referrals.Domain;
using System.Text.RegularExpressions;
using Referrals.Domain.Common;
using Referrals.Functions.Edge;
using Referrals.Functions.Signing;
using Referrals.Functions.Text;

namespace Referrals.Functions.Tests.Text;

/// <summary>The API's texts stay in step across languages, and every text key the code and templates
/// name exists.</summary>
public sealed partial class ApiTextsTests
{
    [Fact]
    public void No_resource_is_embedded_from_a_build_output_folder()
    {
        // An explicit resource glob does not skip bin/ and obj/ by itself: a stale Text/*.json copied
        // there would be embedded beside the real one (the projects exclude $(DefaultItemExcludes)).
        foreach (var assembly in new[] { typeof(ApiTexts).Assembly, typeof(global::Referrals.Domain.Referrals.ReferralDecider).Assembly })
        {
            var names = assembly.GetManifestResourceNames();
            Assert.NotEmpty(names);
            Assert.DoesNotContain(names, n => n.Contains(".bin.", StringComparison.Ordinal) || n.Contains(".obj.", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Problem_and_field_texts_exist_in_finnish_swedish_and_english()
    {
        var fi = ApiTexts.Keys("fi").Where(k => !k.StartsWith("signing.", StringComparison.Ordinal)).Order().ToArray();
        Assert.NotEmpty(fi);
        foreach (var language in new[] { "sv", "en" })
            Assert.Equal(fi, ApiTexts.Keys(language).Where(k => !k.StartsWith("signing.", StringComparison.Ordinal)).Order().ToArray());
    }

    [Fact]
    public void The_signing_page_is_in_finnish_and_swedish()
    {
        var fi = ApiTexts.Keys("fi").Where(k => k.StartsWith("signing.", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(fi, ApiTexts.Keys("sv").Where(k => k.StartsWith("signing.", StringComparison.Ordinal)).Order().ToArray());
        var template = SigningTemplates.Load("signing-page.html") + SigningTemplates.Load("signing-result.html");
        foreach (Match m in Placeholder().Matches(template))
            if (m.Groups[1].Value.StartsWith("signing.", StringComparison.Ordinal))
                Assert.Contains(m.Groups[1].Value, fi);
        foreach (var outcome in new[] { "signed", "returned", "invalid", "expired", "used", "superseded", "forbidden", "sign-in", "conflict" })
        {
            Assert.Contains($"signing.{outcome}.heading", fi);
            Assert.Contains($"signing.{outcome}.message", fi);
        }
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(409)]
    [InlineData(412)]
    [InlineData(413)]
    [InlineData(415)]
    [InlineData(500)]
    [InlineData(503)]
    public void Every_status_the_api_writes_has_a_title_in_every_language(int status)
    {
        var code = ProblemHandling.CodeOf(status);
        foreach (var language in ApiTexts.Languages)
            Assert.NotEqual($"problem.{code}", ApiTexts.Get($"problem.{code}", language));
    }

    [Fact]
    public void Every_rejection_has_a_message_through_the_api_texts()
    {
        foreach (var code in Enum.GetValues<RejectionCode>())
        foreach (var language in ApiTexts.Languages)
            Assert.NotEqual($"rejection.{code}", ApiTexts.Get($"rejection.{code}", language));
    }

    [Fact]
    public void The_one_text_loader_refuses_a_key_defined_in_two_files_and_merges_the_rest()
    {
        const string prefix = "Referrals.Functions.Tests.Text.Fixtures.";
        var twice = Assert.Throws<InvalidOperationException>(() => Texts.LoadResources(typeof(ApiTextsTests).Assembly, prefix, "fi"));
        Assert.Contains("'sample.greeting' is defined twice", twice.Message, StringComparison.Ordinal);
        Assert.Equal("Hej", Texts.LoadResources(typeof(ApiTextsTests).Assembly, prefix, "sv")["sample.greeting"]);
    }

    [GeneratedRegex(@"\{\{([a-zA-Z0-9.\-]+)\}\}")]
    private static partial Regex Placeholder();
}
