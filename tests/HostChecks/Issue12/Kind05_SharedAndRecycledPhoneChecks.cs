using FluentAssertions;
using LiveChat.Core.Identity;
using Xunit;

namespace LiveChat.Issue12.Checks;

/// <summary>
/// Kind 5: contradicting evidence on a commonly shared, self-asserted value gives a suggestion, not an attachment;
/// a phone or handle unused beyond the dormancy never reveals history on its own; order does not matter.
/// The dormancy is the fix's documented value; these checks use 400 days, beyond any sensible one.
/// </summary>
public class Kind05_SharedAndRecycledPhoneChecks
{
    private const string Landline = "01 42 68 53 00";

    [Fact]
    public async Task SharedPhone_HouseholdLandline_DifferentFirstNamesAndEmails_IsASuggestion()
    {
        await using var host = TestHost.Create();
        var jean = await host.ChatAsync("webchat", handle: "v-jean", name: "Jean Dupont", email: "jean.dupont@example.fr", phone: Landline);
        var claire = await host.ChatAsync("webchat", handle: "v-claire", name: "Claire Dupont", email: "claire.d@example.org", phone: "+33 1 42 68 53 00");
        (await host.ContactOfAsync(claire.Id)).Should().NotBe(jean.Result.Contact!.Id);
        (await host.HistoryAsync(claire.Id)).Should().NotContain(jean.Id);
        var suggestions = await host.Chat.Identity.GetSuggestionsAsync(host.Ws);
        suggestions.Should().Contain(s => s.Contact == jean.Result.Contact!.Id || s.Other == jean.Result.Contact!.Id,
            "the shared phone is reported as a possible duplicate for an agent to decide");
    }

    [Theory]
    [InlineData(0)] // name, e-mail and phone in one call
    [InlineData(1)] // phone first, then name and e-mail
    [InlineData(2)] // e-mail first, then phone, then name
    [InlineData(3)] // name first, then phone, then e-mail
    public async Task SharedPhone_DecisionDoesNotDependOnArrivalOrder(int order)
    {
        await using var host = TestHost.Create();
        var jean = await host.ChatAsync("webchat", handle: "v-jean", name: "Jean Dupont", email: "jean.dupont@example.fr", phone: Landline);
        var (c, _) = await host.StartAsync("webchat");
        const string h = "v-claire";
        switch (order)
        {
            case 0: await host.IdentifyAsync(c, h, "Claire Dupont", "claire.d@example.org", Landline); break;
            case 1:
                await host.IdentifyAsync(c, h, phone: Landline);
                await host.IdentifyAsync(c, h, name: "Claire Dupont", email: "claire.d@example.org"); break;
            case 2:
                await host.IdentifyAsync(c, h, email: "claire.d@example.org");
                await host.IdentifyAsync(c, h, phone: Landline);
                await host.IdentifyAsync(c, h, name: "Claire Dupont"); break;
            case 3:
                await host.IdentifyAsync(c, h, name: "Claire Dupont");
                await host.IdentifyAsync(c, h, phone: Landline);
                await host.IdentifyAsync(c, h, email: "claire.d@example.org"); break;
        }
        (await host.ContactOfAsync(c)).Should().NotBe(jean.Result.Contact!.Id, $"order {order}");
        (await host.HistoryAsync(c)).Should().NotContain(jean.Id);
        var jeanNow = await host.Chat.Identity.GetContactAsync(host.Ws, jean.Result.Contact!.Id);
        jeanNow.Identifiers.Should().NotContain(l => l.Identifier.Value == "claire.d@example.org",
            "Claire's personal e-mail never lands on Jean's contact");
    }

    [Fact]
    public async Task SharedPhone_OtherFirstNameAlone_IsContradictingEvidence()
    {
        await using var host = TestHost.Create();
        var jean = await host.ChatAsync("webchat", handle: "v-j", name: "Jean Dupont", phone: Landline);
        var claire = await host.ChatAsync("webchat", handle: "v-c", name: "Claire Dupont", phone: Landline);
        (await host.ContactOfAsync(claire.Id)).Should().NotBe(jean.Result.Contact!.Id);
    }

    [Fact]
    public async Task SharedPhone_SamePersonWithoutContradiction_StillMatches()
    {
        // Recall control: the same person typing the same phone twice is still one contact.
        await using var host = TestHost.Create();
        var one = await host.ChatAsync("webchat", handle: "v-1", name: "Jean Dupont", phone: Landline);
        var two = await host.ChatAsync("instagram", handle: "ig-1", name: "jean dupont", phone: "+33142685300");
        (await host.ContactOfAsync(two.Id)).Should().Be(one.Result.Contact!.Id);
    }

    [Fact]
    public async Task RecycledNumber_NewOwnerOnWhatsApp_NeverSeesTheOldOwnersHistory()
    {
        await using var host = TestHost.Create();
        var old = await host.ChatAsync("whatsapp", handle: "33698765432", name: "Paul Martin", phone: "+33 6 98 76 54 32");
        host.Time.Advance(TimeSpan.FromDays(400));
        var newcomer = await host.ChatAsync("whatsapp", handle: "33698765432", name: "Sophie Leroy");
        (await host.HistoryAsync(newcomer.Id)).Should().NotContain(old.Id,
            "a handle unused beyond the dormancy never reveals history on its own");
        newcomer.Result.HistoryVisibleToVisitor.Should().BeFalse();
    }

    [Fact]
    public async Task RecycledNumber_NewOwnerOnWhatsApp_IsNotAttachedToTheOldOwner()
    {
        // The issue lists "attaches the new owner to the old one" as the fault: a dormant handle plus another
        // first name is contradicting evidence, so a suggestion at most.
        await using var host = TestHost.Create();
        var old = await host.ChatAsync("whatsapp", handle: "33698765436", name: "Paul Martin", phone: "+33 6 98 76 54 36");
        host.Time.Advance(TimeSpan.FromDays(400));
        var newcomer = await host.ChatAsync("whatsapp", handle: "33698765436", name: "Sophie Leroy");
        (await host.ContactOfAsync(newcomer.Id)).Should().NotBe(old.Result.Contact!.Id,
            "another first name on a recycled number is contradicting evidence");
    }

    [Fact]
    public async Task RecycledNumber_DormantHandleAlone_RevealsNoHistory()
    {
        await using var host = TestHost.Create();
        var old = await host.ChatAsync("whatsapp", handle: "33698765433", name: "Paul Martin", phone: "+33 6 98 76 54 33");
        host.Time.Advance(TimeSpan.FromDays(400));
        var again = await host.ChatAsync("whatsapp", handle: "33698765433");
        (await host.HistoryAsync(again.Id)).Should().NotContain(old.Id);
        again.Result.HistoryVisibleToVisitor.Should().BeFalse();
    }

    [Fact]
    public async Task RecycledNumber_TypedPhone_NewOwnerIsNotAttachedToTheOldOne()
    {
        await using var host = TestHost.Create();
        var old = await host.ChatAsync("webchat", handle: "v-old", name: "Paul Martin", email: "paul.martin@example.fr", phone: "06 98 76 54 34");
        host.Time.Advance(TimeSpan.FromDays(400));
        var newcomer = await host.ChatAsync("webchat", handle: "v-new", name: "Sophie Leroy", email: "sophie.leroy@example.fr", phone: "06 98 76 54 34");
        (await host.ContactOfAsync(newcomer.Id)).Should().NotBe(old.Result.Contact!.Id);
        (await host.HistoryAsync(newcomer.Id)).Should().NotContain(old.Id);
    }

    [Fact]
    public async Task RecentHandle_StillRevealsHistory()
    {
        // Control: within a day, the same WhatsApp account sees its own history.
        await using var host = TestHost.Create();
        var first = await host.ChatAsync("whatsapp", handle: "33698765435", name: "Paul Martin");
        host.Time.Advance(TimeSpan.FromDays(1));
        var again = await host.ChatAsync("whatsapp", handle: "33698765435");
        (await host.HistoryAsync(again.Id)).Should().Contain(first.Id);
    }
}
