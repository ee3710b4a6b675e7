using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Outside;

public class DrainOnDisposeTests(ITestOutputHelper output)
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task DisposeRightAfterEnd_KeepsTheTranscriptOfferPromise()
    {
        var playbook = Harness.TwoStepPlaybook() with { Timers = new PlaybookTimers { ContactFormAfterGreeting = null, TranscriptOfferAfterEnd = TimeSpan.FromSeconds(5) } };
        var lost = 0;
        const int rounds = 5;
        for (var round = 0; round < rounds; round++)
        {
            var db = Harness.NewDbPath("drain");
            var clock = Harness.NewClock();
            await using (var first = Harness.Build(db, clock))
            {
                await first.Chat.Playbooks.PublishAsync(Acme, playbook);
                var (c, t) = await first.Chat.Conversations.StartAsync(Acme);
                await first.Chat.Visitors.EndAsync(Acme, c.Id, t);
            } // dispose at once: "disposing the service provider drains it"
            await using var second = Harness.Build(db, clock);
            var due = second.Provider.GetRequiredService<IDueWorkStore>();
            var items = await due.ListDueAsync(DateTimeOffset.MaxValue, 100);
            if (!items.Any(i => i.Kind == DueWorkKind.TranscriptOffer)) lost++;
        }
        output.WriteLine($"lost {lost} of {rounds}");
        lost.Should().Be(0, "disposal waits for the work in flight, so a transcript offer promised by an acknowledged end is not forgotten");
    }

    [Fact]
    public async Task DisposeRightAfterStart_KeepsTheContactFormPromise()
    {
        var playbook = Harness.TwoStepPlaybook(contactFormAfter: TimeSpan.FromSeconds(5));
        var lost = 0;
        const int rounds = 5;
        for (var round = 0; round < rounds; round++)
        {
            var db = Harness.NewDbPath("drain-form");
            var clock = Harness.NewClock();
            await using (var first = Harness.Build(db, clock))
            {
                await first.Chat.Playbooks.PublishAsync(Acme, playbook);
                await first.Chat.Conversations.StartAsync(Acme);
            }
            await using var second = Harness.Build(db, clock);
            var due = second.Provider.GetRequiredService<IDueWorkStore>();
            var items = await due.ListDueAsync(DateTimeOffset.MaxValue, 100);
            if (!items.Any(i => i.Kind == DueWorkKind.ContactForm)) lost++;
        }
        output.WriteLine($"lost {lost} of {rounds}");
        lost.Should().Be(0, "disposal waits for the work in flight");
    }
}
