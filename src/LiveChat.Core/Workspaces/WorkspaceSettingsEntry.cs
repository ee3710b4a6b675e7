namespace LiveChat.Core;

/// <summary>
/// One section of a workspace's settings as an <see cref="IWorkspaceSettingsStore"/> keeps it: an opaque JSON document
/// the SDK writes and reads, and its version. Immutable.
/// </summary>
/// <param name="Section">The section: <c>identity</c>, <c>email</c> or <c>texts</c>.</param>
/// <param name="Json">The settings as JSON, written by the SDK.</param>
/// <param name="Version">1 for the first save, one more for each later save.</param>
public sealed record WorkspaceSettingsEntry(string Section, string Json, long Version);
