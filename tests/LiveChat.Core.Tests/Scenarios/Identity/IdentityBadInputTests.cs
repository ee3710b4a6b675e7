using System.Collections.Immutable;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>Bad input gets a specific exception, and nothing changes.</summary>
public sealed class IdentityBadInputTests
{
    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("Bob <bob@example.com>")]
    [InlineData("two words@example.com")]
    [InlineData("x@.example.com")]
    public async Task AMalformedEmail_IsRefused_AndNothingChanges(string email)
    {
        await using var h = new LiveChatHarness();
        var conversation = await h.StartOnAsync("webchat");

        // Alone, it is refused; beside a valid value it is set aside instead (I1_TypedValuesTests).
        await FluentActions.Awaiting(() => h.IdentifyAsync(conversation, r => r with { Email = email }))
            .Should().ThrowAsync<InvalidIdentifierException>().Where(e => e.Kind == IdentifierKind.Email);
        await NothingChangedAsync(h);
    }

    [Fact]
    public async Task AnUnparseablePhone_WithNoRegion_IsRefused_AndNothingChanges()
    {
        await using var h = new LiveChatHarness();
        var conversation = await h.StartOnAsync("webchat");

        await FluentActions.Awaiting(() => h.IdentifyAsync(conversation, r => r with { Phone = "06 12 34 56 78" }))
            .Should().ThrowAsync<InvalidIdentifierException>().Where(e => e.Kind == IdentifierKind.Phone);
        FluentActions.Invoking(() => ContactIdentifier.Phone("call me maybe", "FR")).Should().Throw<InvalidIdentifierException>();
        FluentActions.Invoking(() => ContactIdentifier.Phone("12", "FR")).Should().Throw<InvalidIdentifierException>();
        await NothingChangedAsync(h);
    }

    [Fact]
    public async Task ContactDetailsDeclaredHostVerified_AreRefused_BecauseOnlyASignedUserIdIs_AndNothingChanges()
    {
        await using var h = new LiveChatHarness();
        var conversation = await h.StartOnAsync("webchat");

        await FluentActions.Awaiting(() => h.IdentifyAsync(conversation, r => r with { Email = "gil@example.com", ContactDetailsVerification = VerificationLevel.HostVerified }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*signed*");
        await FluentActions.Awaiting(() => h.IdentifyAsync(conversation, r => r with { Identifiers = [ContactIdentifier.Email("gil@example.com", VerificationLevel.HostVerified)] }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*signed*");
        await FluentActions.Awaiting(() => h.IdentifyAsync(conversation, r => r with { Identifiers = [ContactIdentifier.ExternalUser("u-1", VerificationLevel.HostVerified)] }))
            .Should().ThrowAsync<HostVerificationFailedException>();
        await NothingChangedAsync(h);
    }

    [Fact]
    public async Task OversizedFieldsAndIdentifiers_AreRefused_AndNothingChanges()
    {
        await using var h = new LiveChatHarness();
        var conversation = await h.StartOnAsync("webchat");

        await FluentActions.Awaiting(() => h.IdentifyAsync(conversation, r => r with { Email = "fin@example.com", Fields = ImmutableDictionary<string, string>.Empty.Add("notes", new string('x', 501)) }))
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => h.IdentifyAsync(conversation, r => r with { Name = new string('n', 201) }))
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => h.IdentifyAsync(conversation, r => r with { ChannelHandle = new string('h', 255) }))
            .Should().ThrowAsync<InvalidIdentifierException>();
        await FluentActions.Awaiting(() => h.IdentifyAsync(conversation, r => r with { Fields = ImmutableDictionary<string, string>.Empty.Add("Bad Name", "x") }))
            .Should().ThrowAsync<ArgumentException>();
        await NothingChangedAsync(h);
    }

    [Fact]
    public async Task AnUnknownContactOrConversation_IsReportedAsNotFound_AndNothingChanges()
    {
        await using var h = new LiveChatHarness();
        var nobody = new ContactId(Guid.NewGuid());

        await FluentActions.Awaiting(() => h.Chat.Identity.GetContactAsync(h.Workspace, nobody).AsTask()).Should().ThrowAsync<ContactNotFoundException>();
        await FluentActions.Awaiting(() => h.Chat.Identity.CorrectFieldAsync(h.Workspace, nobody, "name", "x", "agent:a", "r").AsTask()).Should().ThrowAsync<ContactNotFoundException>();
        await FluentActions.Awaiting(() => h.Chat.Identity.DetachIdentifierAsync(h.Workspace, nobody, ContactIdentifier.Email("a@example.com"), "agent:a", "r").AsTask()).Should().ThrowAsync<ContactNotFoundException>();
        await FluentActions.Awaiting(() => h.Chat.Identity.EraseAsync(h.Workspace, nobody, "dpo", "r").AsTask()).Should().ThrowAsync<ContactNotFoundException>();
        await FluentActions.Awaiting(() => h.Chat.Identity.ExportAsync(h.Workspace, nobody).AsTask()).Should().ThrowAsync<ContactNotFoundException>();
        await FluentActions.Awaiting(() => h.IdentifyAsync(new ConversationId(Guid.NewGuid()), r => r with { Email = "a@example.com" })).Should().ThrowAsync<ConversationNotFoundException>();
        await NothingChangedAsync(h);
    }

    [Fact]
    public async Task DetachingAnIdentifierTheContactLacks_OrMergingAContactIntoItself_IsRefused_AndNothingChanges()
    {
        await using var h = new LiveChatHarness();
        var conversation = await h.StartOnAsync("webchat");
        var contact = (await h.IdentifyAsync(conversation, r => r with { Email = "gil@example.com" })).Contact!;
        var before = await h.Chat.Identity.GetLogAsync(h.Workspace);

        await FluentActions.Awaiting(() => h.Chat.Identity.DetachIdentifierAsync(h.Workspace, contact.Id, ContactIdentifier.Email("other@example.com"), "agent:a", "r").AsTask())
            .Should().ThrowAsync<IdentifierNotLinkedException>();
        await FluentActions.Awaiting(() => h.Chat.Identity.MergeAsync(h.Workspace, contact.Id, contact.Id, "agent:a", "r").AsTask()).Should().ThrowAsync<MergeRefusedException>();
        await FluentActions.Awaiting(() => h.Chat.Identity.MergeAsync(h.Workspace, contact.Id, contact.Id, "", "r").AsTask()).Should().ThrowAsync<ArgumentException>();

        (await h.Chat.Identity.GetLogAsync(h.Workspace)).Should().HaveCount(before.Count);
    }

    [Fact]
    public async Task Settings_WithAnUnknownRegion_AreRefused()
    {
        await using var h = new LiveChatHarness();
        FluentActions.Invoking(() => h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { DefaultRegion = "XX" })).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { MaxContactsPerValue = 0 })).Should().Throw<ArgumentOutOfRangeException>();
        h.Chat.Identity.GetSettings(h.Workspace).Should().BeSameAs(IdentitySettings.Default);
    }

    private static async Task NothingChangedAsync(LiveChatHarness h)
    {
        (await h.Chat.Identity.GetLogAsync(h.Workspace)).Should().BeEmpty();
        (await h.Chat.Identity.GetContactsAsync(h.Workspace)).Should().BeEmpty();
        (await h.Chat.Crm.Gateway.FindByEmailAsync(h.Workspace, "eli@example.com")).Should().BeEmpty();
    }
}
