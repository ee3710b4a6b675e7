using System.Collections.Immutable;
using System.Globalization;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Tests.Scenarios.Errors;

/// <summary>
/// Issue 14 follow-up: settings and ids get the same rule as every other input. Text is used exactly as the host gave
/// it or refused with an <see cref="ArgumentException"/> naming the setting, default structs are refused, and
/// <c>TryParse</c> answers false, never throws, for any text the constructor refuses.
/// </summary>
public sealed class Issue14_SettingsAndIdsBadInputTests
{
    /// <summary>
    /// Texts no setting keeps exactly: NUL, line breaks that would start a mail header, other control characters, lone
    /// surrogates, white space. A static array, not theory data: attribute and serialized theory data carry strings as
    /// UTF-8, which turns a lone surrogate into U+FFFD before the test sees it.
    /// </summary>
    private static readonly string[] Unusable =
    [
        "Acme\0Corp", "Acme\r\nBcc: all@example.com", "Acme\nCorp", "Acme\tCorp", "Acme\u0085Corp", "Acme\u2028Corp", "lone \uD800 x", "lone \uDC00", "   ",
    ];

    [Fact]
    public async Task EmailConfigure_WorkspaceNameThatCannotBeKeptExactly_IsRefusedNamingTheSetting_AndNothingChanges()
    {
        await using var h = new LiveChatHarness();
        var before = h.Chat.Email.GetSettings(h.Workspace);
        foreach (var name in Unusable)
        {
            h.Chat.Invoking(c => c.Email.Configure(h.Workspace, new EmailSettings { WorkspaceName = name }))
                .Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(EmailSettings.WorkspaceName));
            if (!string.IsNullOrWhiteSpace(name))
            {
                h.Chat.Invoking(c => c.Email.Configure(h.Workspace, new EmailSettings { ConversationLinkTemplate = "https://example.com/" + name + "{conversation}" }))
                    .Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(EmailSettings.ConversationLinkTemplate));
            }
        }

        h.Chat.Email.GetSettings(h.Workspace).Should().Be(before);
    }

    [Fact]
    public async Task EmailConfigure_OversizedWorkspaceName_IsRefused_AndAnAcceptedNameIsKeptExactly()
    {
        await using var h = new LiveChatHarness();

        h.Chat.Invoking(c => c.Email.Configure(h.Workspace, new EmailSettings { WorkspaceName = new string('a', 201) }))
            .Should().Throw<ArgumentException>().WithMessage("*WorkspaceName*201*");
        h.Chat.Email.Configure(h.Workspace, new EmailSettings { WorkspaceName = "  Acme \u202E & <Co> \uD83D\uDE42 " });
        h.Chat.Email.GetSettings(h.Workspace).WorkspaceName.Should().Be("  Acme \u202E & <Co> \uD83D\uDE42 ");
    }

    [Fact]
    public async Task Configure_DefaultSenderOrLeadOwner_IsRefused_AndNothingChanges()
    {
        await using var h = new LiveChatHarness();

        h.Chat.Invoking(c => c.Email.Configure(h.Workspace, new EmailSettings { Sender = default(EmailAddress) }))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(EmailSettings.Sender));
        h.Chat.Invoking(c => c.Identity.Configure(h.Workspace, new IdentitySettings { LeadOwner = default(AgentId) }))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(IdentitySettings.LeadOwner));
        h.Chat.Email.GetSettings(h.Workspace).Sender.Should().BeNull();
        h.Chat.Identity.GetSettings(h.Workspace).Should().BeSameAs(IdentitySettings.Default);
    }

    [Fact]
    public async Task IdentityConfigure_SettingTextThatCannotBeKeptExactly_IsRefusedNamingTheSetting()
    {
        await using var h = new LiveChatHarness();

        foreach (var text in Unusable)
        {
            Refused(new IdentitySettings { LeadDistributionGroup = text }, nameof(IdentitySettings.LeadDistributionGroup));
            Refused(new IdentitySettings { HostSecret = text }, nameof(IdentitySettings.HostSecret));
            Refused(new IdentitySettings { RoleMailboxes = [text] }, nameof(IdentitySettings.RoleMailboxes));
            Refused(new IdentitySettings { BlockedValues = [.. IdentitySettings.DefaultBlockedValues, text] }, nameof(IdentitySettings.BlockedValues));
            Refused(new IdentitySettings { Channels = ImmutableDictionary<string, ChannelTracking>.Empty.Add(text, ChannelTracking.Default) }, nameof(IdentitySettings.Channels));
        }

        h.Chat.Identity.GetSettings(h.Workspace).Should().BeSameAs(IdentitySettings.Default);

        void Refused(IdentitySettings settings, string setting)
            => h.Chat.Invoking(c => c.Identity.Configure(h.Workspace, settings)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be(setting);
    }

    [Fact]
    public void ContactIdentifier_HandleOrUserIdOrPhoneThatCannotBeStoredExactly_IsRefused()
    {
        // Only NUL and lone surrogates are unstorable; other control characters in a handle are kept as given.
        foreach (var text in new[] { "a\0b", "lone \uD800 x", "\uDC00" })
        {
            FluentActions.Invoking(() => ContactIdentifier.Handle(IdentifierKind.WhatsApp, text)).Should().Throw<InvalidIdentifierException>();
            FluentActions.Invoking(() => ContactIdentifier.ExternalUser(text)).Should().Throw<InvalidIdentifierException>();
            ContactIdentifier.TryPhone("+33 6 12 34 56 78 " + text, null, out _).Should().BeFalse();
        }
    }

    [Fact]
    public void TryParse_TextTheConstructorRefuses_ReturnsFalseForEveryIdType_WithoutThrowing()
    {
        foreach (var text in new[] { "lone \uD800 x", "lone \uDC00", "\uD800", "a\0b", string.Empty, "  ", new string('a', 100_000) })
        {
            WorkspaceId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
            AgentId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
            TeamId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
            CrmRecordId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
            ConversationId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
            ContactId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
            WorkspaceId.TryParse(text.AsSpan(), CultureInfo.InvariantCulture, out _).Should().BeFalse();
            AgentId.TryParse(text.AsSpan(), CultureInfo.InvariantCulture, out _).Should().BeFalse();
        }
    }
}
