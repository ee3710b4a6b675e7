using LiveChat.Core.Testing;

namespace LiveChat.Core.Tests.Concurrency;

/// <summary>Conversations started concurrently in one workspace are numbered without gaps or duplicates.</summary>
public sealed class NumberingConcurrencyTests
{
    private const int Threads = 8;
    private const int Total = 10_000;

    [Fact]
    public async Task StartAsync_EightThreadsTenThousandConversations_NumbersAreExactlyOneToTenThousand()
    {
        await using var host = EngineHost.Create();

        var numbers = await Concurrently.RunAsync(Threads, async thread =>
        {
            // Spread the total over the threads, the first ones taking the remainder.
            var count = (Total / Threads) + (thread < Total % Threads ? 1 : 0);
            var mine = new List<long>(count);
            for (var i = 0; i < count; i++)
            {
                mine.Add((await host.Engine.Conversations.StartAsync(EngineHost.Workspace)).Conversation.Number);
            }

            return mine;
        });

        numbers.SelectMany(n => n).Order().Should().Equal(Enumerable.Range(1, Total).Select(i => (long)i));
    }
}
