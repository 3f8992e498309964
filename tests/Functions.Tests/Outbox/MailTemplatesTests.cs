using System.Collections.Immutable;
using Referrals.Domain;
using Referrals.Domain.Notifications;
using Referrals.Domain.Scheduling;
using Referrals.Functions.Mail;

namespace Referrals.Functions.Tests.Outbox;

/// <summary>Reminder mails take their wording from the one home of it, <c>timer.{kind}</c> in the Domain's
/// texts, in Finnish and Swedish; a reminder of an unknown kind still reads as a sentence.</summary>
public sealed class MailTemplatesTests
{
    private static readonly MailTemplates Templates = new();
    private static readonly Uri Link = new("https://referrals.example/r/r-1");

    private static (string Subject, string Body) Reminder(string kind) => Templates.Render(new OutgoingMessage(
        MessageKind.Reminder, new Recipient(RecipientRole.CaseOwner, "worker-1"), "r-1",
        ImmutableSortedDictionary<string, string>.Empty.Add("timerKind", kind)), Link);

    public static TheoryData<TimerKind> Kinds() => new(Enum.GetValues<TimerKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_reminder_kind_is_worded_from_the_texts_in_both_languages(TimerKind kind)
    {
        var (subject, body) = Reminder(kind.ToString());
        foreach (var language in new[] { "fi", "sv" })
        {
            var wording = Texts.Get($"timer.{kind}", language);
            Assert.NotEqual($"timer.{kind}", wording);
            Assert.Contains(wording, subject, StringComparison.Ordinal);
            Assert.Contains(wording, body, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("{{", subject + body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reminder_of_an_unknown_kind_gets_the_general_wording()
    {
        var (_, body) = Reminder("NoSuchKind");
        Assert.Contains(Texts.Get("timer.unknown", "fi"), body, StringComparison.Ordinal);
        Assert.Contains(Texts.Get("timer.unknown", "sv"), body, StringComparison.Ordinal);
    }
}
