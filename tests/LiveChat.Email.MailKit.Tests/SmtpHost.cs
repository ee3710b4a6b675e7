using LiveChat.Core;
using LiveChat.Core.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Email.MailKit.Tests;

/// <summary>A host whose e-mails go over SMTP to <see cref="SmtpTestServer"/>, with a fake clock driving the outbox.</summary>
public sealed class SmtpHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public SmtpHost(SmtpTestServer server, Action<LiveChatOptions>? configure = null, Func<SmtpEmailTransport, StopServerTransport>? wrap = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        var builder = services.AddLiveChat(configure);
        builder.UseSmtp(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = server.Port;
            o.Security = SmtpSecurity.None;
            o.Timeout = TimeSpan.FromSeconds(10);
        });
        if (wrap is not null)
        {
            // The SMTP transport stays registered; the wrapper in front of it becomes the one the outbox uses.
            builder.UseEmailTransport(sp => wrap(sp.GetRequiredService<SmtpEmailTransport>()));
        }

        _provider = services.BuildServiceProvider();
        Chat = _provider.GetRequiredService<LiveChatEngine>();
        Chat.Email.Configure(Workspace, new EmailSettings
        {
            Sender = EmailAddress.Create("admin@acme.example", "ACME Support"),
            WorkspaceName = "ACME",
            ConversationLinkTemplate = "https://example.com/chat/{conversation}",
        });
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public LiveChatEngine Chat { get; }

    public WorkspaceId Workspace { get; } = new("acme");

    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Chat.Email.WhenIdleAsync();
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
