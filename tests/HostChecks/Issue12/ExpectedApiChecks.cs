using System.Reflection;
using FluentAssertions;
using LiveChat.Core.Identity;
using Xunit;

namespace LiveChat.Issue12.Checks;

/// <summary>
/// Checks that encode an assumption about how the fix exposes a behaviour the issue leaves open. They compile
/// against the current packages; each says its assumption so the lead can adapt it to the API the fix chose.
/// </summary>
public class ExpectedApiChecks
{
    /// <summary>
    /// Assumption: the "move" of a conversation from a name-only contact to the contact owning the exact personal
    /// value (kind 3) is recorded as an automatic <see cref="ContactsMerged"/> (the name-only contact absorbed),
    /// so <see cref="IdentityService.UndoMergeAsync"/> reverses it. If the fix adds a dedicated move entry and
    /// undo call, adapt this check to them.
    /// </summary>
    [Fact]
    public async Task ExpectedApi_LateIdentifierMove_IsAnUndoableMerge()
    {
        await using var host = TestHost.Create();
        var a = await host.ChatAsync("whatsapp", handle: "wa-u", name: "Ana Souza", phone: "+33 6 11 22 33 44");
        var k1 = a.Result.Contact!.Id;
        var (b, _) = await host.StartAsync("instagram");
        var k2 = (await host.IdentifyAsync(b, handle: "ig-u", name: "Ana Souza")).Contact!.Id;
        var k1Before = await host.Chat.Identity.GetContactAsync(host.Ws, k1);
        var k2Before = await host.Chat.Identity.GetContactAsync(host.Ws, k2);
        await host.IdentifyAsync(b, handle: "ig-u", phone: "06 11 22 33 44");
        (await host.ContactOfAsync(b)).Should().Be(k1);

        var merge = (await host.Chat.Identity.GetLogAsync(host.Ws)).OfType<ContactsMerged>()
            .SingleOrDefault(m => m.Concerns(k1) && m.Concerns(k2));
        merge.Should().NotBeNull("the move is logged as a merge the agent can undo");
        await host.Chat.Identity.UndoMergeAsync(host.Ws, merge!.Sequence, "agent:alice", "not the same person");
        (await host.ContactOfAsync(b)).Should().Be(k2, "undo puts the conversation back");
        var k1After = await host.Chat.Identity.GetContactAsync(host.Ws, k1);
        k1After.Conversations.Select(c => c.ConversationId).Should().BeEquivalentTo(k1Before.Conversations.Select(c => c.ConversationId));
        k1After.Identifiers.Select(l => l.Identifier.Value).Should().BeEquivalentTo(k1Before.Identifiers.Select(l => l.Identifier.Value));
        var k2After = await host.Chat.Identity.GetContactAsync(host.Ws, k2);
        k2After.IsActive.Should().BeTrue();
        k2After.Name.Should().Be(k2Before.Name);
    }

    /// <summary>Assumption: each ignored value in <see cref="IdentifyResult.Ignored"/> carries a reason (a member named Reason).</summary>
    [Theory]
    [InlineData("n/a")]
    [InlineData("test@test.com")]
    public async Task ExpectedApi_IgnoredValues_CarryAReason(string placeholder)
    {
        await using var host = TestHost.Create();
        var (c, _) = await host.StartAsync();
        var r = await host.IdentifyAsync(c, handle: "v-r", name: "Alice", email: placeholder);
        var dump = TestHost.Dump(r.Ignored);
        dump.Should().Contain(placeholder);
        dump.Should().Contain("Reason", "placeholders are ignored with a reason");
    }

    /// <summary>Assumption: a bad optional value is reported in <see cref="IdentifyResult.Ignored"/> with its raw text.</summary>
    [Theory]
    [InlineData("12ab")]
    [InlineData("call me maybe")]
    public async Task ExpectedApi_BadOptionalPhone_IsInIgnored(string bad)
    {
        await using var host = TestHost.Create();
        var (c, _) = await host.StartAsync();
        var r = await host.IdentifyAsync(c, handle: "v-bad", name: "Ada", email: "ada@example.com", phone: bad);
        TestHost.Dump(r.Ignored).Should().Contain(bad);
    }

    /// <summary>Assumption: the dormancy is a documented, overridable setting on <see cref="IdentitySettings"/> (a TimeSpan named *Dormancy*).</summary>
    [Fact]
    public void ExpectedApi_DormancyIsASetting()
    {
        var prop = typeof(IdentitySettings).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.Name.Contains("Dorman", StringComparison.OrdinalIgnoreCase));
        prop.Should().NotBeNull("a phone or handle unused beyond a documented dormancy never reveals history on its own");
        var value = prop!.GetValue(IdentitySettings.Default);
        value.Should().BeOfType<TimeSpan>().Which.Should().BeGreaterThan(TimeSpan.Zero);
    }

    /// <summary>Assumption: the extension is kept beside the E.164 key as a member named Extension on the phone identifier.</summary>
    [Fact]
    public void ExpectedApi_PhoneExtension_KeptBesideTheKey()
    {
        ContactIdentifier.TryPhone("+1 650 555 0142 ext. 12", null, out var id).Should().BeTrue();
        id!.Value.Should().Be("+16505550142");
        var ext = typeof(ContactIdentifier).GetProperty("Extension");
        ext.Should().NotBeNull();
        ext!.GetValue(id).Should().Be("12");
    }

    /// <summary>Assumption: an invalid-but-possible number is kept with a flag visible in the result (a member whose name contains Invalid or Unverified).</summary>
    [Fact]
    public async Task ExpectedApi_InvalidButPossibleNumber_IsFlagged()
    {
        await using var host = TestHost.Create();
        var r = await host.ChatAsync("webchat", handle: "v-ip", name: "Alice", phone: "+1 555 555 5555");
        var dump = TestHost.Dump(r.Result);
        dump.Should().Contain("+1 555 555 5555");
        dump.Should().MatchRegex("(?i)invalid|unverified|notvalid|possibleonly");
    }
}
