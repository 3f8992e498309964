using Referrals.Domain;
using Referrals.Domain.Common;

namespace Referrals.Domain.Tests;

public class TextsTests
{
    [Fact]
    public void Every_language_has_the_same_keys()
    {
        var fi = Texts.Keys("fi").Order().ToArray();
        Assert.Equal(fi, Texts.Keys("sv").Order().ToArray());
        Assert.Equal(fi, Texts.Keys("en").Order().ToArray());
    }

    [Fact]
    public void Every_rejection_code_has_a_message_in_every_language()
    {
        foreach (var code in Enum.GetValues<RejectionCode>())
        foreach (var lang in Texts.Languages)
            Assert.NotEqual($"rejection.{code}", Texts.Rejection(code, lang));
    }
}
