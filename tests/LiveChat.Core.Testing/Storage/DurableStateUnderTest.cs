using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Testing.Storage;

/// <summary>The four durable-state ports of one store under test, two handles on the same data where the store allows it, and how to dispose of them.</summary>
/// <param name="Settings">Workspace settings.</param>
/// <param name="Playbooks">Published playbooks.</param>
/// <param name="Runs">Playbook runs.</param>
/// <param name="DueWork">Due work.</param>
/// <param name="Dispose">Releases the store and its data.</param>
public sealed record DurableStateUnderTest(
    IWorkspaceSettingsStore Settings, IPlaybookStore Playbooks, IPlaybookRunStore Runs, IDueWorkStore DueWork, Func<ValueTask> Dispose);
