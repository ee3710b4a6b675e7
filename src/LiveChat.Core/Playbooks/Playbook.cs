using System.Collections.Immutable;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// A bot playbook (feature P1): cards linked by id into paths, the bot's appearance and language, and its timed cards.
/// Immutable; thread-safe.
/// </summary>
/// <remarks>
/// A playbook is a definition only. <see cref="PlaybookService.PublishAsync"/> validates it with
/// <see cref="PlaybookValidator"/> and registers it under its <see cref="Id"/> and <see cref="Version"/>; conversations
/// run on the version they started with, even after a newer version is published. <see cref="PlaybookJson"/> reads and
/// writes it as JSON.
/// </remarks>
public sealed record Playbook
{
    /// <summary>The playbook's id: letters, digits, <c>-</c> and <c>_</c>, at most 64 characters.</summary>
    public required string Id { get; init; }

    /// <summary>The version, from 1; each publication of the same playbook needs a higher one.</summary>
    public required int Version { get; init; }

    /// <summary>The bot's language: one of <see cref="TextCatalog.SupportedLanguages"/> (en, fr, cs, de, es).</summary>
    public required string Language { get; init; }

    /// <summary>Colours, icon and bot name for the host's widget (feature P2).</summary>
    public PlaybookAppearance Appearance { get; init; } = new();

    /// <summary>The delays of the timed cards (feature P7).</summary>
    public PlaybookTimers Timers { get; init; } = new();

    /// <summary>The id of the card the bot starts with, usually the greeting.</summary>
    public required string StartCardId { get; init; }

    /// <summary>Every card, in the order the author arranged them.</summary>
    public required ImmutableArray<PlaybookCard> Cards { get; init; }
}
