using Referrals.Domain.Clients;

namespace Referrals.Domain.Decisions;

/// <summary>The client as a party to the decision (HL § 44): name, personal identity code and the language
/// the decision is written in. Read from the protected client record where a decision is rendered; never
/// stored in an event. <see cref="ToString"/> prints nothing personal.</summary>
public sealed record DecisionClient(string FullName, string IdentityCode, ClientLanguage Language)
{
    public static DecisionClient? From(ClientRecord? record) =>
        record is null ? null : new DecisionClient(record.FullName, record.IdentityCode.Value, record.Language);

    public override string ToString() => "DecisionClient { *** }";
}
