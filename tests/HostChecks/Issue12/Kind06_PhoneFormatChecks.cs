using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using Xunit;

namespace LiveChat.Issue12.Checks;

/// <summary>
/// Kind 6: phones as people type them. Fold Unicode digits, spaces and dashes, let libphonenumber decide, keep the
/// extension beside the E.164 key, and never let one bad optional field discard the valid ones.
/// </summary>
public class Kind06_PhoneFormatChecks
{
    public static TheoryData<string, string> Extensions => new()
    {
        { "+1 650 555 0142 x12", "+16505550142" },
        { "+1 650 555 0142 ext. 12", "+16505550142" },
        { "+1 650-555-0142 ext 12", "+16505550142" },
        { "+1 650 555 0142;ext=12", "+16505550142" },
        { "+1 (650) 555-0142 extension 12", "+16505550142" },
        { "tel:+1-650-555-0142;ext=12", "+16505550142" },
    };

    public static TheoryData<string, string> UnicodeForms => new()
    {
        { "06\u00A012\u00A034\u00A056\u00A078", "no-break spaces" },
        { "06\u202F12\u202F34\u202F56\u202F78", "narrow no-break spaces" },
        { "06\u200912\u200934\u200956\u200978", "thin spaces" },
        { "06\u201112\u201134\u201156\u201178", "non-breaking hyphens" },
        { "06\u201312\u201334\u201356\u201378", "en dashes" },
        { "06\u201412\u201434\u201456\u201478", "em dashes" },
        { "06\u221212\u221234\u221256\u221278", "minus signs" },
        { "\u0660\u0666\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", "Arabic-Indic digits" },
        { "\u06F0\u06F6\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8", "Persian digits" },
        { "\uFF10\uFF16 \uFF11\uFF12 \uFF13\uFF14 \uFF15\uFF16 \uFF17\uFF18", "full-width digits" },
        { "\uFF0B\uFF13\uFF13\uFF16\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18", "full-width plus and digits" },
        { "\u202A+33 6 12 34 56 78\u202C", "bidi embedding marks around the number" },
        { "+33\u00A06\u00A012\u00A034\u00A056\u00A078", "international with no-break spaces" },
    };

    [Theory]
    [MemberData(nameof(Extensions))]
    public void PhoneFormat_Extension_IsParsedToTheE164Key(string raw, string e164)
    {
        ContactIdentifier.TryPhone(raw, "FR", out var id).Should().BeTrue($"libphonenumber reads '{raw}'");
        id!.Value.Should().Be(e164, "the extension is kept beside the E.164 key, not in it");
        id.Raw.Should().Contain("12", "the raw text with its extension is kept");
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public async Task PhoneFormat_Extension_MatchesTheSameLine(string raw, string e164)
    {
        await using var host = TestHost.Create();
        var first = await host.ChatAsync("webchat", handle: "v-a", name: "Grace Hopper", phone: e164);
        var second = await host.ChatAsync("telegram", handle: "tg-a", name: "Grace Hopper", phone: raw);
        (await host.ContactOfAsync(second.Id)).Should().Be(first.Result.Contact!.Id);
    }

    [Fact]
    public async Task PhoneFormat_ExtensionInContactForm_KeepsNameAndEmail()
    {
        await using var host = TestHost.Create();
        var (c, token) = await host.StartAsync();
        var act = async () => await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token,
            new ContactForm { Name = "Grace Hopper", Email = "grace@example.com", Phone = "+1 650 555 0142 x12" });
        await act.Should().NotThrowAsync();
        var contact = await host.Chat.Identity.FindByConversationAsync(host.Ws, c);
        contact.Should().NotBeNull();
        contact!.Name.Should().Be("Grace Hopper");
        contact.Identifiers.Should().Contain(l => l.Identifier.Kind == IdentifierKind.Email && l.Identifier.Value == "grace@example.com");
        contact.Identifiers.Should().Contain(l => l.Identifier.Kind == IdentifierKind.Phone && l.Identifier.Value == "+16505550142");
    }

    [Theory]
    [MemberData(nameof(UnicodeForms))]
    public void PhoneFormat_UnicodeDigitsSpacesAndDashes_AreFolded(string raw, string what)
    {
        ContactIdentifier.TryPhone(raw, "FR", out var id).Should().BeTrue(what);
        id!.Value.Should().Be("+33612345678", what);
        PhoneNumberParser.Shared.TryParse(raw, "FR", out var e164).Should().BeTrue(what);
        e164.Should().Be("+33612345678", what);
    }

    [Theory]
    [MemberData(nameof(UnicodeForms))]
    public async Task PhoneFormat_UnicodeForms_MatchTheSamePerson(string raw, string what)
    {
        await using var host = TestHost.Create();
        var first = await host.ChatAsync("instagram", handle: "ig-u", name: "Marie Dupont", phone: "06 12 34 56 78");
        var second = await host.ChatAsync("webchat", handle: "v-u", name: "Marie Dupont", phone: raw);
        (await host.ContactOfAsync(second.Id)).Should().Be(first.Result.Contact!.Id, what);
    }

    [Theory]
    [InlineData("12ab")]
    [InlineData("call me maybe")]
    [InlineData("+33 6 12")]
    [InlineData("☎☎☎")]
    [InlineData("06 12 34 56 78 90 12 34 56")]
    public async Task PhoneFormat_BadOptionalPhone_IsIgnoredAndReported_ValidFieldsKept(string bad)
    {
        await using var host = TestHost.Create();
        var (c, _) = await host.StartAsync();
        IdentifyResult? result = null;
        var act = async () => result = await host.IdentifyAsync(c, handle: "v-bad", name: "Ada Lovelace", email: "ada@example.com", phone: bad);
        await act.Should().NotThrowAsync("one bad optional field never discards the valid fields");
        result!.Contact!.Identifiers.Should().Contain(l => l.Identifier.Value == "ada@example.com");
        result.Contact.Name.Should().Be("Ada Lovelace");
        TestHost.Dump(result).Should().Contain(bad, "the bad value is reported in the result with its raw text");
    }

    [Theory]
    [InlineData("12ab")]
    [InlineData("+1 650 555 0142 x12")]
    [InlineData("٠٦١٢٣٤٥٦٧٨")]
    public async Task PhoneFormat_ContactForm_BadOrUnusualPhone_KeepsNameAndEmail(string phone)
    {
        await using var host = TestHost.Create();
        var (c, token) = await host.StartAsync();
        var act = async () => await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token,
            new ContactForm { Name = "Ada Lovelace", Email = "ada@example.com", Phone = phone });
        await act.Should().NotThrowAsync();
        var contact = await host.Chat.Identity.FindByConversationAsync(host.Ws, c);
        contact!.Identifiers.Should().Contain(l => l.Identifier.Value == "ada@example.com");
        contact.Name.Should().Be("Ada Lovelace");
    }

    [Fact]
    public async Task PhoneFormat_BadOptionalEmail_KeepsThePhone()
    {
        await using var host = TestHost.Create();
        var (c, _) = await host.StartAsync();
        IdentifyResult? result = null;
        var act = async () => result = await host.IdentifyAsync(c, handle: "v-be", name: "Ada", email: "ada@@example", phone: "06 12 34 56 79");
        await act.Should().NotThrowAsync();
        result!.Contact!.Identifiers.Should().Contain(l => l.Identifier.Value == "+33612345679");
        TestHost.Dump(result).Should().Contain("ada@@example", "the bad value is reported in the result with its raw text");
    }

    [Fact]
    public async Task PhoneFormat_EveryInputOfTheIssue_NoExceptionOnTheHotPath()
    {
        await using var host = TestHost.Create();
        var inputs = Extensions.Select(r => (string)r[0]).Concat(UnicodeForms.Select(r => (string)r[0]))
            .Concat(["12ab", "null", "n/a", "-", "none", "(71) 6782-2672", "(71) 96782-2672", "+", "++33"])
            .ToList();
        var failures = new List<string>();
        foreach (var raw in inputs)
        {
            var (c, _) = await host.StartAsync();
            try { await host.IdentifyAsync(c, handle: "v-" + Guid.NewGuid().ToString("N")[..8], phone: raw); }
            catch (Exception e) { failures.Add($"{raw}: {e.GetType().Name}: {e.Message}"); }
        }
        failures.Should().BeEmpty();
    }
}
