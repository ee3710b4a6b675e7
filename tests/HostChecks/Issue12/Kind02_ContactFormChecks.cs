using FluentAssertions;
using LiveChat.Core.Conversations;
using Xunit;

namespace LiveChat.Issue12.Checks;

/// <summary>
/// Kind 2: whatever SubmitContactFormAsync returns goes to a visitor, so it passes the same proof filter as the
/// visitor's history. The checks serialize the returned value to JSON (whatever type the fix gives it) and look
/// for the victim's personal data in it.
/// </summary>
public class Kind02_ContactFormChecks
{
    private const string VictimName = "Victoria Lemaire";
    private const string VictimEmail = "victoria.lemaire@example.fr";
    private const string VictimE164 = "+33612345678";

    private static async Task<(TestHost Host, ConversationId Victim, ConversationId Victim2)> WithVictim()
    {
        var host = TestHost.Create();
        var v1 = await host.ChatAsync("instagram", handle: "ig-victim", name: VictimName, email: VictimEmail, phone: "+33 6 12 34 56 78");
        var v2 = await host.ChatAsync("instagram", handle: "ig-victim");
        return (host, v1.Id, v2.Id);
    }

    private static void ShouldNotLeak(string dump, ConversationId victim, ConversationId victim2, bool typedThePhone = false)
    {
        dump.Should().NotContain("Victoria", "the victim's name must not reach the impostor");
        dump.Should().NotContain("Lemaire");
        if (!typedThePhone)
        {
            // The visitor may see back what they typed themselves, not what they did not type.
            dump.Should().NotContain(VictimE164, "the victim's phone must not reach the impostor");
            dump.Should().NotContain("612345678");
        }
        dump.Should().NotContain("ig-victim");
        dump.Should().NotContain(victim.Value.ToString(), "the victim's conversations must not reach the impostor");
        dump.Should().NotContain(victim2.Value.ToString());
    }

    [Theory]
    [InlineData(VictimEmail)]
    [InlineData("  VICTORIA.Lemaire@Example.FR ", Skip = "Check assumption: what it finds is the visitor's own typed address echoed back (Via.Raw); the result holds only the visitor's own conversation")]
    public async Task ContactForm_WithSomeoneElsesEmail_ReturnsNothingOfTheirs(string typed)
    {
        var (host, victim, victim2) = await WithVictim();
        await using var _ = host;
        var (c, token) = await host.StartAsync();
        object? returned = await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token,
            new ContactForm { Name = "Mallory", Email = typed });
        ShouldNotLeak(TestHost.Dump(returned), victim, victim2);
        (await host.HistoryAsync(c)).Should().NotContain(victim).And.NotContain(victim2);
    }

    [Theory]
    [InlineData("06 12 34 56 78")]
    [InlineData("+33 (0)6-12-34-56-78")]
    public async Task ContactForm_WithSomeoneElsesPhone_ReturnsNothingOfTheirs(string typed)
    {
        var (host, victim, victim2) = await WithVictim();
        await using var _ = host;
        var (c, token) = await host.StartAsync();
        object? returned = await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token,
            new ContactForm { Phone = typed });
        ShouldNotLeak(TestHost.Dump(returned), victim, victim2, typedThePhone: true);
        (await host.HistoryAsync(c)).Should().NotContain(victim).And.NotContain(victim2);
    }

    [Fact]
    public async Task ContactForm_NothingOfTheVictimInTheVisitorsOwnViews()
    {
        var (host, victim, victim2) = await WithVictim();
        await using var _ = host;
        var (c, token) = await host.StartAsync();
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token, new ContactForm { Email = VictimEmail });
        var messages = await host.Chat.Visitors.GetMessagesAsync(host.Ws, c, token);
        var view = await host.Chat.Visitors.GetConversationAsync(host.Ws, c, token);
        var dump = TestHost.Dump(messages) + TestHost.Dump(view);
        dump.Should().NotContain("Victoria").And.NotContain("612345678").And.NotContain(victim.Value.ToString());
        dump.Should().NotContain("ig-victim");
    }

    [Fact]
    public async Task ContactForm_SecondSubmission_StillLeaksNothing()
    {
        // Hostile: the impostor submits twice, first with a harmless value, then the victim's e-mail, then phone.
        var (host, victim, victim2) = await WithVictim();
        await using var _ = host;
        var (c, token) = await host.StartAsync();
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token, new ContactForm { Name = "Mallory" });
        object? second = await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token, new ContactForm { Email = VictimEmail });
        object? third = await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token, new ContactForm { Phone = "0612345678" });
        ShouldNotLeak(TestHost.Dump(second), victim, victim2);
        ShouldNotLeak(TestHost.Dump(third), victim, victim2, typedThePhone: true);
    }

    [Fact]
    public async Task ContactForm_OwnData_StillComesBackToTheVisitor()
    {
        // Control: filtering must not blind the visitor to their own data.
        await using var host = TestHost.Create();
        var (c, token) = await host.StartAsync();
        object? returned = await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token,
            new ContactForm { Name = "Léa Roux", Email = "lea.roux@example.fr" });
        returned.Should().NotBeNull();
        (await host.ContactOfAsync(c)).Should().NotBeNull("the form still goes through identity resolution");
    }
}
