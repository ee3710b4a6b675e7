using System.Collections.Immutable;
using LiveChat.Core.Playbooks;

namespace LiveChat.Core;

/// <summary>
/// A playbook, or its JSON, is invalid (feature P1). Lists every defect found, each with its path. Nothing was loaded
/// or published.
/// </summary>
public sealed class PlaybookValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="defects">The defects; at least one.</param>
    public PlaybookValidationException(IReadOnlyList<PlaybookDefect> defects)
        : base(Describe(defects))
        => Defects = [.. defects];

    /// <summary>Every defect found, in the order of the playbook.</summary>
    public ImmutableArray<PlaybookDefect> Defects { get; }

    private static string Describe(IReadOnlyList<PlaybookDefect> defects)
    {
        ArgumentNullException.ThrowIfNull(defects);
        if (defects.Count == 0)
        {
            throw new ArgumentException("A validation exception needs at least one defect.", nameof(defects));
        }

        return $"The playbook has {defects.Count} defect(s):{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", defects);
    }
}
