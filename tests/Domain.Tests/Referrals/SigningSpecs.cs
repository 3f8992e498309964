using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

public class SigningSpecs
{
    private static readonly DateTimeOffset SigningTime = FinnishCalendar.At(new DateOnly(2026, 2, 6), 14);

    private static string ExpectedHash(ReferralState state, DateOnly signedOn)
    {
        var config = Process.Configuration;
        var service = config.Catalogue.Find(state.Draft!.ServiceTypeCode)!;
        return DecisionDocument.Sha256Hex(new DecisionContent(Spec.ReferralId, config.AuthorityOf(state.ProfileId)!, config.Unit(state.Unit),
            Client: null, state.DraftVersion, state.Draft, service, config.Catalogue.Basis(service.LegalBasisCode)!, signedOn,
            new Official(null, null)) { SignerRule = global::Referrals.Domain.Profiles.SignerRule.LeadSocialWorkerOfReferringUnit });
    }

    [Fact]
    public void The_signer_signs_the_current_draft_and_the_document_hash_is_in_the_event()
    {
        var spec = Spec.Given(History.AwaitingSignature).When(Sign(1), SigningTime);
        var signedOn = new DateOnly(2026, 2, 6);
        // Not yet notified: the sending is recorded when it happens, and the review period runs from it.
        spec.Then(new DecisionSigned(1, ExpectedHash(spec.State, signedOn), signedOn) { SignerRule = global::Referrals.Domain.Profiles.SignerRule.LeadSocialWorkerOfReferringUnit });
        var state = spec.ThenState();
        Assert.Null(state.Notification);
        Assert.Null(state.Decision!.AssumedNotifiedOn);
        Assert.Equal(ReferralStatus.AwaitingServiceStart, state.Status);
        Assert.Equal(Actors.Signer.UserId, state.Decision!.SignedBy);
        Assert.Equal(spec.State.Draft, state.Decision.Draft);
    }

    [Fact]
    public void The_signing_date_is_the_Helsinki_date()
    {
        // 23:30 UTC on 5 February is 01:30 on 6 February in Helsinki.
        var lateUtc = new DateTimeOffset(2026, 2, 5, 23, 30, 0, TimeSpan.Zero);
        var signed = Assert.IsType<DecisionSigned>(Spec.Given(History.AwaitingSignature).When(Sign(1), lateUtc).Then(
            new DecisionSigned(1, ExpectedHash(ReferralDecider.Replay(Spec.ReferralId, History.AwaitingSignature), new DateOnly(2026, 2, 6)),
                new DateOnly(2026, 2, 6)) { SignerRule = global::Referrals.Domain.Profiles.SignerRule.LeadSocialWorkerOfReferringUnit })[0]);
        Assert.Equal(new DateOnly(2026, 2, 6), signed.SignedOn);
    }

    [Fact]
    public void A_signed_refusal_ends_the_referral()
    {
        ReferralEvent[] drafted = [.. History.AwaitingRefusingDraft, History.Stamp(new DecisionDrafted(1, History.RefusingDraft), 3, Actors.Worker)];
        var state = Spec.Given(drafted).When(Sign(1), SigningTime).ThenState();
        Assert.Equal(ReferralStatus.Refused, state.Status);
        Assert.True(state.HasEnded);
        Assert.Equal(DecisionKind.Refusing, state.Decision!.Draft.Kind);
    }

    [Fact]
    public void The_signer_must_name_the_current_version()
    {
        Spec.Given(History.AwaitingSignature).When(Sign(2)).ThenRejected(RejectionCode.DraftVersionMismatch, "1");
        Spec.Given(History.AwaitingSignature).When(Sign(0)).ThenRejected(RejectionCode.DraftVersionMismatch);
        Spec.Given(History.AwaitingSignature).When(Return(3)).ThenRejected(RejectionCode.DraftVersionMismatch);
    }

    [Fact]
    public void A_signed_decision_cannot_be_signed_returned_or_redrafted()
    {
        Spec.Given(History.AwaitingServiceStart).When(Sign(1)).ThenRejected(RejectionCode.DecisionAlreadySigned);
        Spec.Given(History.AwaitingServiceStart).When(Return(1)).ThenRejected(RejectionCode.DecisionAlreadySigned);
        Spec.Given(History.ServiceActive).When(Draft()).ThenRejected(RejectionCode.DecisionAlreadySigned);
        Spec.Given(History.Refused).When(Sign(1)).ThenRejected(RejectionCode.DecisionAlreadySigned);
    }

    [Fact]
    public void Only_a_signer_of_the_referring_unit_signs()
    {
        Spec.Given(History.AwaitingSignature).When(Sign(1, Actors.OtherUnitSigner)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.AwaitingSignature).When(Sign(1, Actors.Worker)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.AwaitingSignature).When(Sign(1, Actors.SteeringGroupMember)).ThenRejected(RejectionCode.NotPermitted);
    }

    [Fact]
    public void A_returned_draft_goes_back_to_the_matching_drafting_step()
    {
        var spec = Spec.Given(History.AwaitingSignature).When(Return(1));
        spec.Then(new DecisionReturned(1, "Tarkenna perusteluja."));
        Assert.Equal(ReferralStatus.AwaitingGrantingDraft, spec.ThenState().Status);

        ReferralEvent[] refusing = [.. History.AwaitingRefusingDraft, History.Stamp(new DecisionDrafted(1, History.RefusingDraft), 3, Actors.Worker)];
        Assert.Equal(ReferralStatus.AwaitingRefusingDraft, Spec.Given(refusing).When(Return(1)).ThenState().Status);
        Spec.Given(History.AwaitingSignature).When(Return(1) with { Comment = "" }).ThenRejected(RejectionCode.InvalidInput, "Comment");
    }

    [Fact]
    public void The_same_draft_signed_on_the_same_day_gives_the_same_hash_and_another_day_another()
    {
        Outcome Sign(DateTimeOffset at) => Spec.Given(History.AwaitingSignature).When(Commands.Sign(1), at).Outcome;
        string Hash(Outcome o) => ((DecisionSigned)((Outcome.Accepted)o).Events[0]).DocumentSha256;
        Assert.Equal(Hash(Sign(SigningTime)), Hash(Sign(SigningTime.AddHours(2))));
        Assert.NotEqual(Hash(Sign(SigningTime)), Hash(Sign(SigningTime.AddDays(1))));
        Assert.Matches("^[0-9a-f]{64}$", Hash(Sign(SigningTime)));
    }
}

public class SigningWithTheClientAsAPartySpecs
{
    [Fact]
    public void The_signed_hash_is_of_the_document_that_names_the_client_and_the_signer_and_the_event_stores_neither_the_name_nor_the_code()
    {
        var client = new DecisionClient("Maija Meikäläinen", "010594Y9021", global::Referrals.Domain.Clients.ClientLanguage.Sv);
        var at = FinnishCalendar.At(new DateOnly(2026, 2, 6), 14);
        var spec = Spec.Given(History.AwaitingSignature).When(Sign(1) with { Client = client, SignerName = "Liisa Virtanen", SignerTitle = "johtava sosiaalityöntekijä" }, at);
        var signed = Assert.IsType<DecisionSigned>(Assert.Single(Assert.IsType<Outcome.Accepted>(spec.Outcome).Events));
        var state = spec.ThenState();
        var expected = DecisionContents.ForSigned(Process.Configuration, state, client);
        Assert.Equal(DecisionDocument.Sha256Hex(expected), signed.DocumentSha256);
        var html = DecisionDocument.Render(expected);
        Assert.Contains("Maija Meikäläinen", html);
        Assert.Contains("<html lang=\"sv\">", html);
        Assert.NotEqual(DecisionDocument.Sha256Hex(DecisionContents.ForSigned(Process.Configuration, state, null)), signed.DocumentSha256);
        var json = System.Text.Json.JsonSerializer.Serialize<ReferralEvent>(signed);
        Assert.DoesNotContain("010594Y9021", json);
        Assert.DoesNotContain("Meikäläinen", json);
        Assert.Equal(("Liisa Virtanen", "johtava sosiaalityöntekijä"), (state.Decision!.SignerName, state.Decision.SignerTitle));
    }
}
