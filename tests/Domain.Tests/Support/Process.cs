using Referrals.Domain.Common;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Tests.Support;

/// <summary>The shipped configuration and the decider over it: the tests run the real process data.</summary>
public static class Process
{
    public static readonly ProcessConfiguration Configuration = DefaultProcessConfiguration.Load();
    public static readonly ReferralDecider Decider = new(Configuration);

    public const string SteeringGroup = "vantaa-steering-group";
    public const string Steppi = "vantaa-steppi";
    public const string Espoo = "espoo";
    public const string SteppiTeam = "vantaa-steppi-team";
    public const string Satakunta = "satakunta";
    public const string SatakuntaSteeringGroup = "satakunta-steering-group";
    public const string EspooCaseOwner = "espoo-case-owner";
    public const string Helsinki = "helsinki";
}

/// <summary>The people of the process, acting for their units.</summary>
public static class Actors
{
    public const string Unit = "vantaa-adult-social-work";
    public const string OtherUnit = "vantaa-youth-social-work";

    public static readonly Actor Worker = new("worker-1", Role.ReferringWorker, Unit);
    public static readonly Actor OtherUnitWorker = new("worker-2", Role.ReferringWorker, OtherUnit);
    public static readonly Actor SteeringGroupMember = new("member-1", Role.ReviewBodyMember, Process.SteeringGroup);
    public static readonly Actor SteppiTeamMember = new("member-2", Role.ReviewBodyMember, Process.SteppiTeam);
    public static readonly Actor Signer = new("leader-1", Role.Signer, Unit);
    public static readonly Actor OtherUnitSigner = new("leader-2", Role.Signer, OtherUnit);
    public static readonly Actor Auditor = new("auditor-1", Role.Auditor, Unit);
    public static readonly Actor Operator = new("operator-1", Role.Operator, Unit);
    public static readonly Actor System = Actor.System;

    /// <summary>A case owner of Helsinki's adult social work (the Helsinki profile: services in the client plan).</summary>
    public static readonly Actor HelsinkiWorker = new("worker-h", Role.ReferringWorker, "helsinki-adult-social-work");

    /// <summary>A purchased provider unit of the configuration, and its ServiceProvider (the histories' service is assigned to it).</summary>
    public const string ProviderUnit = "vantaa-purchased-coaching";
    public const string OwnProviderUnit = "vantaa-social-rehabilitation-services";

    public static readonly Actor Provider = new("provider-1", Role.ServiceProvider, ProviderUnit);
    public static readonly Actor OtherProvider = new("provider-2", Role.ServiceProvider, OwnProviderUnit);
}
