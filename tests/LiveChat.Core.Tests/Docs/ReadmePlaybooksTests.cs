using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Docs;

/// <summary>Keeps the README's playbook example compiling and working: the code below is the README's block, verbatim.</summary>
public sealed class ReadmePlaybooksTests
{
    [Fact]
    public async Task PlaybookExample_GreetsQualifiesAndFollowsUp_InFrench()
    {
        var output = await ReadmeBlocks.CaptureConsoleAsync(async () =>
        {
            // playbooks:begin
            var services = new ServiceCollection();
            services.AddLiveChat();
            await using var provider = services.BuildServiceProvider();
            var chat = provider.GetRequiredService<LiveChatEngine>();
            var acme = new WorkspaceId("acme");

            // Usually read with PlaybookJson.Deserialize from what your playbook editor saved.
            var playbook = new Playbook
            {
                Id = "website",
                Version = 1,
                Language = "fr",
                Appearance = new PlaybookAppearance { BotName = "Léo", PrimaryColor = "#0A7B83" },
                StartCardId = "greet",
                Cards =
                [
                    new MessageCard { Id = "greet", Text = "Bonjour !", Next = "route" },
                    new RoutingQuestionCard { Id = "route", CustomerNext = "chat", ProspectNext = "qualify" },
                    new LiveChatCard { Id = "chat", Team = "support", OfflineFlow = "offline" },
                    new OfflineFlowCard { Id = "offline", Next = "bye" },
                    new QualificationCard { Id = "qualify", Qualified = true, Next = "follow-up" },
                    new FollowUpActionsCard { Id = "follow-up", Actions = [new TagAction { Tag = "prospect" }, new CreateLeadAction()], Next = "bye" },
                    new EndCard { Id = "bye", Text = "Merci, à bientôt !" },
                ],
            };
            await chat.Playbooks.PublishAsync(acme, playbook);

            // The bot greets as the conversation starts and answers what the visitor posts.
            var (conversation, token) = await chat.Conversations.StartAsync(acme);
            await chat.Visitors.PostAsync(acme, conversation.Id, token, "Non");

            foreach (var message in await chat.Visitors.GetMessagesAsync(acme, conversation.Id, token))
            {
                Console.WriteLine($"{message.Sender.DisplayName}: {message.Text}");
            }

            var details = (await chat.Conversations.GetAsync(acme, conversation.Id)).Details;
            Console.WriteLine($"qualified: {details.Qualified}, tags: {string.Join(", ", details.Tags)}");
            Console.WriteLine(PlaybookService.ToMermaidGraph(playbook));
            // playbooks:end
        });

        // A French playbook makes the workspace French where its settings name no language: the visitor is "Visiteur".
        output.Should().Contain("Léo: Bonjour !\nLéo: Êtes-vous déjà client ?\n1. Oui, je suis client\n2. Non, pas encore\nVisiteur: Non\nLéo: Merci, à bientôt !\n");
        output.Should().Contain("qualified: True, tags: prospect").And.Contain("stateDiagram-v2");
    }

    [Fact]
    public void Readme_PlaybooksBlock_IsTheCodeThisTestRuns()
        => ReadmeBlocks.InReadme("## Playbooks").Should().Be(ReadmeBlocks.InSource(ReadmeBlocks.SourceFile(), "playbooks"));
}
