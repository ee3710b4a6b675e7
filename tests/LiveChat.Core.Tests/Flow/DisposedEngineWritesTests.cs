using LiveChat.Core.Agents;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;
using LiveChat.Core.Texts;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Flow;

/// <summary>
/// Issue 15, item 4: once the engine is disposed, the writes outside the conversation commands (identity, settings, texts,
/// playbooks, the CRM) are refused as the commands are, with <see cref="EngineStoppedException"/> before they change
/// anything: nothing would react to them any more. Reads still answer.
/// </summary>
public sealed class DisposedEngineWritesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly AgentId Alice = new("alice");

    [Fact]
    public async Task AfterDisposal_IdentitySettingsTextsPlaybookAndCrmWrites_AreRefused_AndChangeNothing()
    {
        var provider = new ServiceCollection().AddLiveChat().Services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 5));
        var (conversation, _) = await chat.Conversations.StartAsync(Acme);
        await chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
        await chat.Conversations.ClaimAsync(Acme, conversation.Id, Alice);
        var contact = (await chat.Identity.IdentifyAsync(Acme, new IdentifyRequest { ConversationId = conversation.Id, Email = "zoe@example.com", Name = "Zoé" })).Contact!;
        var lead = contact.CrmRecord ?? throw new InvalidOperationException("chat tracking files a new client as a lead");
        var log = await chat.Identity.GetLogAsync(Acme);
        var identitySettings = await chat.Identity.GetSettingsAsync(Acme);
        var emailSettings = await chat.Email.GetSettingsAsync(Acme);
        var visitorText = chat.Playbooks.Texts.Get("en", SystemText.Visitor, Acme);
        var record = await chat.Crm.Gateway.FindAsync(Acme, lead);
        var activities = await chat.Crm.Gateway.ListActivitiesAsync(Acme, lead);

        await provider.DisposeAsync();

        Func<Task>[] writes =
        [
            () => chat.Identity.IdentifyAsync(Acme, new IdentifyRequest { ConversationId = conversation.Id, Phone = "+420 601 123 456" }).AsTask(),
            () => chat.Identity.ConfigureAsync(Acme, identitySettings with { MaxContactsPerValue = 7 }).AsTask(),
            () => chat.Identity.CorrectFieldAsync(Acme, contact.Id, "company", "Acme s.r.o.", "agent:alice", "typo").AsTask(),
            () => chat.Identity.EraseAsync(Acme, contact.Id, "dpo", "the client asked").AsTask(),
            () => chat.Email.ConfigureAsync(Acme, emailSettings with { WorkspaceName = "Acme" }).AsTask(),
            () => chat.Playbooks.Texts.SetAsync("en", SystemText.Visitor, "Guest", Acme).AsTask(),
            () => chat.Playbooks.PublishAsync(Acme, Greeting()).AsTask(),
            () => chat.Playbooks.StartAsync(Acme, conversation.Id).AsTask(),
            () => chat.Crm.AddNoteAsync(Acme, lead, Alice, "after the end").AsTask(),
            () => chat.Crm.NotifyOwnerAsync(Acme, lead, Alice, "after the end").AsTask(),
            () => chat.Crm.SetPhoneAsync(Acme, lead, Alice, "+420 601 123 456").AsTask(),
            () => chat.Crm.CreateDealAsync(Acme, conversation.Id, Alice, "Order 42").AsTask(),
        ];
        for (var i = 0; i < writes.Length; i++)
        {
            var refused = await FluentActions.Awaiting(() => writes[i]().WaitAsync(Patience)).Should().ThrowAsync<EngineStoppedException>($"write {i} comes after the disposal");
            LiveChatException.CategoryOf(refused.Which).Should().Be(LiveChatErrorCategory.Unavailable);
        }

        (await chat.Identity.GetLogAsync(Acme)).Should().HaveCount(log.Count, "no identity change was made");
        (await chat.Identity.GetContactAsync(Acme, contact.Id)).Should().BeEquivalentTo(contact);
        (await chat.Identity.GetSettingsAsync(Acme)).Should().BeEquivalentTo(identitySettings);
        (await chat.Email.GetSettingsAsync(Acme)).Should().BeEquivalentTo(emailSettings);
        chat.Playbooks.Texts.Get("en", SystemText.Visitor, Acme).Should().Be(visitorText);
        (await chat.Playbooks.GetActiveAsync(Acme)).Should().BeNull("nothing was published");
        (await chat.Playbooks.GetRunAsync(Acme, conversation.Id)).Should().BeNull("no run was started");
        (await chat.Crm.Gateway.FindAsync(Acme, lead)).Should().BeEquivalentTo(record, "no phone reached the CRM");
        (await chat.Crm.Gateway.ListActivitiesAsync(Acme, lead)).Should().HaveCount(activities.Count, "no note or notice reached the CRM");
        (await chat.Conversations.GetAsync(Acme, conversation.Id)).CreatedResults.Should().BeEmpty("no deal was created");
    }

    [Fact]
    public async Task TheFirstWriteAfterDisposal_OnAPathNeverUsedBefore_IsRefusedWithEngineStopped_NotTheContainersError()
    {
        // The services find their port (conversations, identity) in the container at their first call: a first call after
        // the disposal met the disposed container (ObjectDisposedException, no category) before this was fixed.
        for (var path = 0; path < 3; path++)
        {
            var provider = new ServiceCollection().AddLiveChat().Services.BuildServiceProvider();
            var chat = provider.GetRequiredService<LiveChatEngine>();
            var (conversation, token) = await chat.Conversations.StartAsync(Acme);
            await provider.DisposeAsync();

            Func<Task> write = path switch
            {
                0 => () => chat.Visitors.PostAsync(Acme, conversation.Id, token, "late").AsTask(),
                1 => () => chat.Conversations.PostBotMessageAsync(Acme, conversation.Id, "late").AsTask(),
                _ => () => chat.Identity.IdentifyAsync(Acme, new IdentifyRequest { ConversationId = conversation.Id, Email = "zoe@example.com" }).AsTask(),
            };
            var refused = await FluentActions.Awaiting(() => write().WaitAsync(Patience)).Should().ThrowAsync<EngineStoppedException>($"path {path}");
            LiveChatException.CategoryOf(refused.Which).Should().Be(LiveChatErrorCategory.Unavailable);
        }
    }

    [Fact]
    public async Task ADisposalRightAfterAnEnd_KeepsTheTranscriptOfferItPromised()
    {
        // The end's reaction stores the timed card's due work off the caller's path; the stop used to cancel it, and a store
        // doing I/O (SQLite, PostgreSQL) honours the cancellation, as this one does.
        var dueWork = new CancellableDueWorkStore();
        var services = new ServiceCollection().AddSingleton<IDueWorkStore>(dueWork);
        services.AddLiveChat();
        var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        await chat.Playbooks.PublishAsync(Acme, Greeting() with { Timers = new PlaybookTimers { ContactFormAfterGreeting = null, TranscriptOfferAfterEnd = TimeSpan.FromSeconds(5) } });
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        await chat.Visitors.EndAsync(Acme, conversation.Id, token);
        await provider.DisposeAsync();

        (await dueWork.FindAsync(Acme, conversation.Id.ToString(), DueWorkKind.TranscriptOffer)).Should().NotBeNull("the disposal waits for the work in flight and lets it store what the end promised");
    }

    [Fact]
    public async Task ADisposalRightAfterAnEnd_KeepsTheTranscriptCopyToTheCrm()
    {
        // C9: the end's transcript copy runs off the caller's path; the stop used to cancel it, and a CRM adapter doing
        // I/O honours the cancellation, as this one does, so the matched record never got the conversation.
        var crm = new CancellableCrm();
        var services = new ServiceCollection().AddSingleton<ICrmGateway>(crm);
        services.AddLiveChat();
        var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        var contact = (await chat.Identity.IdentifyAsync(Acme, new IdentifyRequest { ConversationId = conversation.Id, Email = "zoe@example.com", Name = "Zoé" })).Contact!;
        await chat.Visitors.PostAsync(Acme, conversation.Id, token, "Do you ship to Belgium?");
        await chat.Visitors.EndAsync(Acme, conversation.Id, token);
        await provider.DisposeAsync();

        (await crm.ListActivitiesAsync(Acme, contact.CrmRecord!.Value, CrmActivityType.Chat)).Should()
            .ContainSingle("the disposal waits for the work in flight and lets it copy the transcript the end promised")
            .Which.Text.Should().Be("Do you ship to Belgium?");
    }

    private static Playbook Greeting() => new()
    {
        Id = "greet",
        Version = 1,
        Language = "en",
        StartCardId = "ask",
        Cards =
        [
            new FreeTextQuestionCard { Id = "ask", Text = "What brings you here?", AnswerKey = "why", Next = "bye" },
            new EndCard { Id = "bye", Text = "Thanks!" },
        ],
    };

    /// <summary>The embedded due-work store, answering asynchronously and honouring cancellation, as a store doing I/O does.</summary>
    private sealed class CancellableDueWorkStore : IDueWorkStore
    {
        private readonly InMemoryDueWorkStore _inner = new();

        public async ValueTask<DueWork> ScheduleAsync(DueWork work, CancellationToken cancellationToken = default)
        {
            await AsIoAsync(cancellationToken);
            return await _inner.ScheduleAsync(work, cancellationToken);
        }

        public async ValueTask<bool> CancelAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
        {
            await AsIoAsync(cancellationToken);
            return await _inner.CancelAsync(workspace, subject, kind, cancellationToken);
        }

        public async ValueTask<DueWork?> FindAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
        {
            await AsIoAsync(cancellationToken);
            return await _inner.FindAsync(workspace, subject, kind, cancellationToken);
        }

        public async ValueTask<IReadOnlyList<DueWork>> ListDueAsync(DateTimeOffset dueBy, int limit, DueWorkPartition partition = default, CancellationToken cancellationToken = default)
        {
            await AsIoAsync(cancellationToken);
            return await _inner.ListDueAsync(dueBy, limit, partition, cancellationToken);
        }

        public async ValueTask<bool> TryCompleteAsync(DueWork work, CancellationToken cancellationToken = default)
        {
            await AsIoAsync(cancellationToken);
            return await _inner.TryCompleteAsync(work, cancellationToken);
        }

        private static async Task AsIoAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(1, CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The embedded CRM, adding activities asynchronously and honouring cancellation, as an adapter doing I/O does.</summary>
    private sealed class CancellableCrm() : DelegatingCrmGateway(new InMemoryCrm(TimeProvider.System))
    {
        public override async ValueTask<CrmActivity> AddActivityAsync(WorkspaceId workspace, CrmActivity activity, CancellationToken cancellationToken = default)
        {
            await Task.Delay(1, CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return await base.AddActivityAsync(workspace, activity, cancellationToken);
        }
    }
}
