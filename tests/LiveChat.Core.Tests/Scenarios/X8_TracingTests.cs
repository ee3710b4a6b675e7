using System.Diagnostics;
using LiveChat.Core.Diagnostics;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>X8: every write is traced on the LiveChat.Core activity source, tagged with workspace and conversation.</summary>
public sealed class X8_TracingTests
{
    [Fact]
    public async Task Writes_AreTraced_WithWorkspaceAndConversationTags()
    {
        await using var h = new LiveChatHarness();
        var (conversation, token) = await h.StartAsync(); // before listening: only the spans below are ours
        var recorded = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LiveChatMetrics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Other tests run in parallel; keep the spans of this conversation only.
                if ((string?)activity.GetTagItem("livechat.conversation") == conversation.Id.ToString())
                {
                    lock (recorded)
                    {
                        recorded.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "hi");
        await h.Chat.Conversations.EndAsync(h.Workspace, conversation.Id);

        recorded.Select(a => a.OperationName).Should().Equal("livechat.message.post", "livechat.conversation.change");
        recorded.Should().OnlyContain(a => (string?)a.GetTagItem("livechat.workspace") == "acme");
        recorded[1].GetTagItem("livechat.state").Should().Be("Ended");
    }
}
