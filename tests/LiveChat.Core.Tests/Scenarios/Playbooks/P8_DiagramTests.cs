using LiveChat.Core.Playbooks;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>P8: a playbook exported as a Mermaid diagram by Stateless, from the machine conversations run on; compared with committed snapshots.</summary>
public sealed class P8_DiagramTests
{
    [Fact]
    public void SeedPlaybook_AsMermaid_MatchesTheSnapshot() => Snapshot("seed-playbook.mmd", PlaybookService.ToMermaidGraph(SeedPlaybooks.Full()));

    [Fact]
    public void LiveChatPlaybook_AsMermaid_MatchesTheSnapshot() => Snapshot("live-chat-playbook.mmd", PlaybookService.ToMermaidGraph(SeedPlaybooks.LiveChatOnly()));

    [Fact]
    public void SeedPlaybook_AsDot_NamesEveryCardAndTheHandoff()
    {
        var dot = PlaybookService.ToDotGraph(SeedPlaybooks.Full());

        foreach (var card in SeedPlaybooks.Full().Cards)
        {
            dot.Should().Contain($"\"{card.Id}\"");
        }

        dot.Should().Contain("\"_agent\"").And.Contain("NoAgentAvailable");
    }

    [Fact]
    public void TheDiagram_ShowsEveryPathWithItsGuard()
    {
        var mermaid = PlaybookService.ToMermaidGraph(SeedPlaybooks.Full());

        mermaid.Should().StartWith("stateDiagram-v2");
        mermaid.Should().Contain("route --> customerform : Answer [customer]").And.Contain("route --> need : Answer [prospect]");
        mermaid.Should().Contain("need --> seats : Answer [Pricing]").And.Contain("saleschat --> salesoffline : NoAgentAvailable");
    }

    [Fact]
    public void AnInvalidPlaybook_HasNoDiagram()
        => FluentActions.Invoking(() => PlaybookService.ToMermaidGraph(SeedPlaybooks.Full() with { Language = "it" })).Should().Throw<PlaybookValidationException>();

    private static void Snapshot(string name, string actual)
    {
        var path = Path.Combine(Path.GetDirectoryName(Docs.ReadmeBlocks.SourceFile())!, "Snapshots", name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("LIVECHAT_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
        }

        actual.Should().Be(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), $"the snapshot {name} is the reviewed diagram; set LIVECHAT_UPDATE_SNAPSHOTS=1 to rewrite it after a deliberate change");
    }
}
