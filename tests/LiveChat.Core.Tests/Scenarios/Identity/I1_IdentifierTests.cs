using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>I1: e-mail, E.164 phone, channel handles and host-verified user ids, each with a verification level.</summary>
public sealed class I1_IdentifierTests
{
    [Theory]
    [InlineData("06 12 34 56 78", "FR")]
    [InlineData("06.12.34.56.78", "FR")]
    [InlineData("+33 6 12 34 56 78", null)]
    [InlineData("0033 612 345 678", "DE")]
    [InlineData("(+33) 612-345-678", "US")]
    public void Phone_InAnyCommonFormat_IsNormalizedToE164_AndKeepsTheRawText(string raw, string? region)
    {
        var phone = ContactIdentifier.Phone(raw, region);

        phone.Value.Should().Be("+33612345678");
        phone.Raw.Should().Be(raw);
        phone.Kind.Should().Be(IdentifierKind.Phone);
        phone.Verification.Should().Be(VerificationLevel.SelfAsserted);
    }

    [Fact]
    public void Phone_TakesTheRegionForLocalNumbers()
    {
        ContactIdentifier.Phone("030 1234567", "DE").Value.Should().Be("+49301234567");
        ContactIdentifier.Phone("(202) 456-1111", "US").Value.Should().Be("+12024561111");
    }

    [Fact]
    public void Email_IsTrimmedAndLowerCasedForMatching_ButKeptAsGiven_AndNeverFolded()
    {
        var email = ContactIdentifier.Email("  John.Smith+Quotes@GMail.com ");

        email.Value.Should().Be("john.smith+quotes@gmail.com");
        email.Raw.Should().Be("  John.Smith+Quotes@GMail.com ");
        email.SameAs(ContactIdentifier.Email("johnsmith@gmail.com")).Should().BeFalse("dot and plus folding would merge different people");
    }

    [Fact]
    public void ChannelHandles_AreChannelAssertedByDefault()
    {
        foreach (var kind in new[] { IdentifierKind.WebchatVisitor, IdentifierKind.Facebook, IdentifierKind.Instagram, IdentifierKind.Telegram, IdentifierKind.WhatsApp })
        {
            var handle = ContactIdentifier.Handle(kind, " 12345 ");
            handle.Value.Should().Be("12345");
            handle.Verification.Should().Be(VerificationLevel.ChannelAsserted);
        }

        FluentActions.Invoking(() => ContactIdentifier.Handle(IdentifierKind.Email, "x")).Should().Throw<InvalidIdentifierException>();
    }

    [Fact]
    public void HostVerification_AcceptsOnlyTheWorkspaceSecretsSignature()
    {
        var signature = HostVerification.Sign("s3cret", "user-42");

        HostVerification.IsValid("s3cret", "user-42", signature).Should().BeTrue();
        HostVerification.IsValid("s3cret", "user-43", signature).Should().BeFalse();
        HostVerification.IsValid("other", "user-42", signature).Should().BeFalse();
        HostVerification.IsValid("s3cret", "user-42", signature.ToUpperInvariant()).Should().BeTrue("hex case does not matter");
        HostVerification.IsValid("s3cret", "user-42", "zz").Should().BeFalse();
        HostVerification.IsValid("s3cret", "user-42", null).Should().BeFalse();
    }

    [Fact]
    public async Task Identify_WithAValidSignature_LinksAHostVerifiedId_AndWithoutOne_ASelfAssertedId()
    {
        await using var h = new LiveChatHarness();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { HostSecret = "s3cret" });
        var signed = await h.StartOnAsync("webchat");
        var unsigned = await h.StartOnAsync("webchat");

        var verified = await h.IdentifyAsync(signed, r => r with { ExternalUserId = "user-42", ExternalUserSignature = HostVerification.Sign("s3cret", "user-42") });
        var claimed = await h.IdentifyAsync(unsigned, r => r with { ExternalUserId = "user-7" });

        verified.Contact!.Identifiers.Should().ContainSingle().Which.Identifier.Verification.Should().Be(VerificationLevel.HostVerified);
        verified.HistoryVisibleToVisitor.Should().BeTrue();
        claimed.Contact!.Identifiers.Should().ContainSingle().Which.Identifier.Verification.Should().Be(VerificationLevel.SelfAsserted);
        claimed.HistoryVisibleToVisitor.Should().BeFalse();
    }

    [Fact]
    public async Task Identify_WithAForgedSignature_IsRefused_AndChangesNothing()
    {
        await using var h = new LiveChatHarness();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { HostSecret = "s3cret" });
        var conversation = await h.StartOnAsync("webchat");

        await FluentActions.Awaiting(() => h.IdentifyAsync(conversation, r => r with { ExternalUserId = "admin", ExternalUserSignature = HostVerification.Sign("guess", "admin") }))
            .Should().ThrowAsync<HostVerificationFailedException>();
        (await h.Chat.Identity.GetLogAsync(h.Workspace)).Should().BeEmpty();
    }

    [Fact]
    public async Task ChannelRegion_OverridesTheWorkspaceRegion_ForLocalNumbers()
    {
        await using var h = new LiveChatHarness();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings
        {
            DefaultRegion = "FR",
            Channels = System.Collections.Immutable.ImmutableDictionary<string, ChannelTracking>.Empty.Add("whatsapp", new ChannelTracking { DefaultRegion = "CZ" }),
        });
        var whatsapp = await h.StartOnAsync("whatsapp");

        var result = await h.IdentifyAsync(whatsapp, r => r with { Phone = "601 123 456" });

        result.Contact!.Identifiers.Should().ContainSingle().Which.Identifier.Value.Should().Be("+420601123456");
    }
}
