using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>
/// Issue 12, kinds 4, 6, 7, 8 and 9 (features I1, I6, E1): values as people type them. Role mailboxes never merge,
/// phones are read as libphonenumber reads them, old and new forms of a line are one key, internationalized domains have
/// one form, and placeholders are set aside with a reason.
/// </summary>
public sealed class I1_TypedValuesTests
{
    [Theory]
    [InlineData("sales@acme.example")]
    [InlineData("Support+eu@acme.example")]
    [InlineData("contact@acme.example")]
    [InlineData("hello@acme.example")]
    [InlineData("billing@acme.example")]
    [InlineData("do-not-reply@acme.example")]
    [InlineData("compta@acme.example")]
    [InlineData("facturation@acme.example")]
    [InlineData("podpora@acme.example")]
    [InlineData("fakturace+2024@acme.example")]
    [InlineData("obchod@acme.example")]
    [InlineData("vertrieb@acme.example")]
    [InlineData("ventas@acme.example")]
    public async Task RoleAddresses_TypedByTwoPeople_NeverMergeThem(string address)
    {
        await using var h = new LiveChatHarness();
        var a = await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { Name = "Ann", Email = address });
        var b = await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { Name = "Ben", Email = address });

        b.Contact!.Id.Should().NotBe(a.Contact!.Id);
        a.Contact.Find(ContactIdentifier.Email(address))!.Blocked.Should().BeTrue();
    }

    [Fact]
    public void RoleAddresses_TheListIsOverridable()
    {
        var settings = new IdentitySettings { RoleMailboxes = [.. IdentitySettings.DefaultRoleMailboxes.Where(r => r != "hello")] };
        settings.RoleMailboxes.Should().NotContain("hello").And.Contain("sales").And.Contain("postmaster");
    }

    [Theory]
    [InlineData("+1 650 555 0142 x12", "+16505550142", "12")]
    [InlineData("+1 650 555 0142 ext. 12", "+16505550142", "12")]
    [InlineData("+1-650-555-0142;ext=12", "+16505550142", "12")]
    [InlineData("+1\u00A0650\u202F555\u20110142", "+16505550142", null)]
    [InlineData("+1 650 555 0142 extension 7", "+16505550142", "7")]
    [InlineData("tel:+1-650-555-0142;ext=12", "+16505550142", "12")]
    [InlineData("TEL:+1-650-555-0142;isub=3;ext=9", "+16505550142", "9")]
    [InlineData("\u202A+33 6 12 34 56 78\u202C", "+33612345678", null)]
    [InlineData("\u2066\u200E06 12 34 56 78\u200F\u2069", "+33612345678", null)]
    [InlineData("\u0660\u0666 \u0661\u0662 \u0663\u0664 \u0665\u0666 \u0667\u0668", "+33612345678", null)]
    [InlineData("\u06F0\u06F6\u2013\u06F1\u06F2\u2013\u06F3\u06F4\u2013\u06F5\u06F6\u2013\u06F7\u06F8", "+33612345678", null)]
    [InlineData("\uFF10\uFF16\u3000\uFF11\uFF12\u3000\uFF13\uFF14\u3000\uFF15\uFF16\u3000\uFF17\uFF18", "+33612345678", null)]
    public void PhonesAsTyped_UnicodeDigitsSpacesDashesAndExtensions_AreReadAsLibphonenumberReadsThem(string typed, string e164, string? extension)
    {
        var phone = ContactIdentifier.Phone(typed, "FR");

        phone.Value.Should().Be(e164);
        phone.Extension.Should().Be(extension);
        phone.Raw.Should().Be(typed);
        ContactIdentifier.TryPhone(typed, "FR", out var tried).Should().BeTrue();
        tried!.Value.Should().Be(e164);
    }

    [Fact]
    public async Task PhonesAsTyped_ABadPhoneInTheContactForm_IsReported_AndTheValidFieldsAreKept()
    {
        await using var h = IdentityHarness.French();
        var started = await h.StartAsync();

        var result = await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, started.Conversation.Id, started.VisitorToken,
            new ContactForm { Name = "Lina", Email = "lina@example.com", Phone = "call me at home" });
        var badEmail = await h.StartAsync();
        var second = await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, badEmail.Conversation.Id, badEmail.VisitorToken,
            new ContactForm { Name = "Eve", Email = "eve@@example", Phone = "06 98 76 54 32" });

        result.IgnoredValues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "phone", Raw = "call me at home" });
        result.Contact!.Find(ContactIdentifier.Email("lina@example.com")).Should().NotBeNull();
        result.Contact.Name.Should().Be("Lina");
        second.IgnoredValues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "email", Raw = "eve@@example" });
        second.Contact!.Find(ContactIdentifier.Phone("06 98 76 54 32", "FR")).Should().NotBeNull();
    }

    [Theory]
    [InlineData("12ab")]
    [InlineData("call me maybe")]
    [InlineData("\u260E\u260E\u260E")]
    [InlineData("+33 6 12")]
    [InlineData("06 12 34 56 78 90 12 34 56")]
    [InlineData("1111111111")]
    public async Task PhonesAsTyped_ABadOptionalPhoneOnIdentify_IsReported_AndTheValidFieldsAreKept(string phone)
    {
        await using var h = IdentityHarness.French();
        var started = await h.StartAsync();

        var result = await h.IdentifyAsync(started.Conversation.Id, r => r with { Name = "Ada Lovelace", Email = "ada@example.com", Phone = phone });

        result.IgnoredValues.Should().ContainSingle(v => v.Field == "phone").Which.Raw.Should().Be(phone);
        result.IgnoredValues.Should().OnlyContain(v => v.Reason.Length > 0);
        result.Contact!.Find(ContactIdentifier.Email("ada@example.com")).Should().NotBeNull();
        result.Contact.Name.Should().Be("Ada Lovelace");
    }

    [Fact]
    public async Task PhonesAsTyped_ABadOptionalEmailOnIdentify_IsReported_AndThePhoneIsKept()
    {
        await using var h = IdentityHarness.French();
        var started = await h.StartAsync();

        var result = await h.IdentifyAsync(started.Conversation.Id, r => r with { Name = "Ada", Email = "ada@@example", Phone = "06 12 34 56 79" });

        result.IgnoredValues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "email", Raw = "ada@@example" });
        result.Contact!.Find(ContactIdentifier.Phone("06 12 34 56 79", "FR")).Should().NotBeNull();
    }

    [Fact]
    public async Task NumberingPlanVariants_BrazilsOldAndNewMobileForms_AreOneContact()
    {
        await using var h = new LiveChatHarness();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { DefaultRegion = "BR" });

        var old = await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { Name = "João", Phone = "(71) 6782-2672" });
        var modern = await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { Phone = "(71) 96782-2672" });
        var international = await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { Phone = "+55 71 6782-2672" });

        old.Contact!.Find(ContactIdentifier.Phone("(71) 96782-2672", "BR"))!.Identifier.Value.Should().Be("+5571967822672");
        modern.Contact!.Id.Should().Be(old.Contact.Id);
        international.Contact!.Id.Should().Be(old.Contact.Id);
    }

    [Fact]
    public async Task NumberingPlanVariants_AnInvalidButPossibleNumber_IsKeptFlagged_AndMatchesNobody()
    {
        await using var h = IdentityHarness.French();
        var unconfirmed = ContactIdentifier.Phone("+33 0 99 99 99 99", null);
        unconfirmed.IsUnconfirmedNumber.Should().BeTrue();

        var a = await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { Name = "Ana", Phone = "+33 0 99 99 99 99" });
        var b = await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { Name = "Bea", Phone = "+33 0 99 99 99 99" });

        a.Contact!.Find(unconfirmed)!.Blocked.Should().BeTrue("it is kept as given, and flagged");
        b.Contact!.Id.Should().NotBe(a.Contact.Id);
    }

    [Fact]
    public async Task InternationalizedEmail_UnicodeAndPunycodeDomains_AreOneAddress_InIdentityAndTheForm()
    {
        await using var h = new LiveChatHarness();
        ContactIdentifier.Email("jana@bücher.example").Value.Should().Be("jana@xn--bcher-kva.example");
        LiveChat.Core.Email.EmailAddress.Create("Jana@BÜCHER.example").Address.Should().Be("Jana@xn--bcher-kva.example");

        var started = await h.StartAsync();
        var form = await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, started.Conversation.Id, started.VisitorToken,
            new ContactForm { Name = "Jana", Email = "jana@bücher.example" });
        var api = await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { Email = "jana@xn--bcher-kva.example" });

        form.IgnoredValues.Should().BeEmpty();
        api.Contact!.Id.Should().Be(form.Contact!.Id);
        (await h.Chat.Email.GetRecipientAsync(h.Workspace, started.Conversation.Id))!.Address.Address.Should().Be("jana@xn--bcher-kva.example");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("n/a")]
    [InlineData("-")]
    [InlineData("None")]
    [InlineData("test@test.com")]
    public async Task Placeholders_TypedAsValues_AreIgnoredWithAReason_NotThrown(string value)
    {
        await using var h = IdentityHarness.French();
        var conversation = await h.StartOnAsync("webchat");

        var result = await h.IdentifyAsync(conversation, r => r with { Name = "Kim", Email = value, Phone = value });

        result.IgnoredValues.Select(v => (v.Field, v.Raw)).Should().Equal(("email", value), ("phone", value));
        result.IgnoredValues.Should().OnlyContain(v => v.Reason.Length > 0);
        result.Contact!.Name.Should().Be("Kim");
        var other = await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { Email = value });
        other.Contact!.Id.Should().NotBe(result.Contact.Id);
    }
}
