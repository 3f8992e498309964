namespace Referrals.Domain.Common;

/// <summary>Who acts in the process. The unit is the organisational unit (or review body) the person
/// acts for in this command; the API checks that the caller belongs to it.</summary>
public sealed record Actor(string UserId, Role Role, string Unit)
{
    /// <summary>The clock and courier: timers that come due act as the system.</summary>
    public static readonly Actor System = new("system", Role.System, "system");
}

/// <summary>The roles of the process (domain.md, "People and roles").</summary>
public enum Role
{
    /// <summary>vastuutyöntekijä / omatyöntekijä: submits, drafts, owns the follow-up.</summary>
    ReferringWorker,
    /// <summary>asiakasohjausryhmän tai palvelutiimin jäsen.</summary>
    ReviewBodyMember,
    /// <summary>johtava sosiaalityöntekijä / ryhmänjohtaja: signs or returns the decision.</summary>
    Signer,
    /// <summary>Reads everything of the units they audit, changes nothing.</summary>
    Auditor,
    /// <summary>Runs the service: health, parked mail. Never sees client data.</summary>
    Operator,
    /// <summary>Reads the county's reports (figures only, no client data) for the authority of the grant
    /// (<c>ReportViewer:{authority}</c>).</summary>
    ReportViewer,
    /// <summary>The process itself (timers).</summary>
    System,
    /// <summary>palveluntuottaja: a provider unit (own or purchased service) that the case owner assigned the service to
    /// at its start. It reads only what it needs of the referrals assigned to its unit (no client record), and records its
    /// provider reports and its rehabilitation plan.</summary>
    ServiceProvider,
}
