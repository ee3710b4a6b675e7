using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing.Storage;

namespace LiveChat.Core.Tests.Storage;

/// <summary>The in-memory defaults pass the durable-state suite the SQLite and PostgreSQL adapters pass.</summary>
public sealed class InMemoryDurableStateComplianceTests : DurableStateComplianceTests
{
    protected override ValueTask<DurableStateUnderTest> CreateStoresAsync()
        => ValueTask.FromResult(new DurableStateUnderTest(
            new InMemoryWorkspaceSettingsStore(), new InMemoryPlaybookStore(), new InMemoryPlaybookRunStore(), new InMemoryDueWorkStore(), () => ValueTask.CompletedTask));
}
