using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>Statuses and reminders have words a social worker understands, in Finnish, Swedish and English
/// (Text/referrals.*.json), for the mail templates and pages that show them.</summary>
public class ReferralTextsTests
{
    [Fact]
    public void Every_status_and_reminder_kind_has_a_text_in_every_language()
    {
        var keys = Enum.GetNames<ReferralStatus>().Select(s => $"status.{s}").Concat(Enum.GetNames<TimerKind>().Select(k => $"timer.{k}"));
        foreach (var key in keys)
        foreach (var language in Texts.Languages)
            Assert.NotEqual(key, Texts.Get(key, language));
        Assert.NotEqual(Texts.Get("timer.EsyOverdue", "fi"), Texts.Get("timer.EsyOverdue", "sv"));
    }
}
