using LiveChat.Core.Identity;

namespace LiveChat.Core.Storage;

/// <summary>
/// The checks every <see cref="IIdentityLogStore"/> makes before writing, so that all adapters refuse the same batches
/// in the same way. Thread-safe.
/// </summary>
public static class IdentityLogRules
{
    /// <summary>
    /// Checks a batch against the stored log's last sequence: the entries must continue it exactly, and each redaction
    /// must rewrite an existing entry or one of the batch's.
    /// </summary>
    /// <param name="workspace">The workspace, for the error.</param>
    /// <param name="lastSequence">The stored log's last sequence, read in the same transaction as the write.</param>
    /// <param name="entries">The entries to append.</param>
    /// <param name="redactions">The entries to rewrite.</param>
    /// <exception cref="IdentityLogConflictException">The first entry is not numbered <paramref name="lastSequence"/> + 1 because another writer appended first.</exception>
    /// <exception cref="ArgumentException">A null entry, a gap in the numbering, or a redaction of an entry that does not exist.</exception>
    public static void CheckAppend(WorkspaceId workspace, long lastSequence, IReadOnlyList<IdentityEvent> entries, IReadOnlyList<IdentityEvent> redactions)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(redactions);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException($"Entry {i} is null.", nameof(entries));
            if (i == 0 && entry.Sequence >= 1 && entry.Sequence <= lastSequence)
            {
                throw new IdentityLogConflictException(workspace, entry.Sequence - 1, lastSequence);
            }

            if (entry.Sequence != lastSequence + 1 + i)
            {
                throw new ArgumentException($"Entry {i} is numbered {entry.Sequence}; the log needs {lastSequence + 1 + i}.", nameof(entries));
            }
        }

        var last = lastSequence + entries.Count;
        foreach (var redaction in redactions)
        {
            if (redaction is null || redaction.Sequence < 1 || redaction.Sequence > last)
            {
                throw new ArgumentException($"A redaction must rewrite an entry numbered 1 to {last}.", nameof(redactions));
            }
        }
    }
}
