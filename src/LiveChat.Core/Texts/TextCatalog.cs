using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace LiveChat.Core.Texts;

/// <summary>
/// The one catalogue of every text the SDK shows a visitor or an agent, in English, French, Czech, German and Spanish
/// (features P2, C4, E5): the bot's texts, the system messages of routing and assignment ("Alice joined the
/// conversation."), the default visitor name, the contact-form labels and the words of the built-in e-mails. The host
/// overrides any text for every workspace or for one with <see cref="Set"/>.
/// </summary>
/// <remarks>
/// Where Intercom's routing question speaks English only, every text here exists in every supported language. A
/// workspace's override wins over one for every workspace, which wins over the built-in text; overrides apply from the
/// next message or e-mail on. Thread-safe.
/// </remarks>
public sealed class TextCatalog
{
    private readonly ConcurrentDictionary<(WorkspaceId? Workspace, string Language, SystemText Key), string> _overrides = new();

    /// <summary>The supported languages: <c>en</c>, <c>fr</c>, <c>cs</c>, <c>de</c> and <c>es</c>.</summary>
    public static ImmutableArray<string> SupportedLanguages { get; } = ["en", "fr", "cs", "de", "es"];

    /// <summary>Whether <paramref name="language"/> is one of <see cref="SupportedLanguages"/>.</summary>
    public static bool IsSupported(string? language) => language is not null && BuiltInTexts.ByLanguage.ContainsKey(language);

    /// <summary>
    /// The text for <paramref name="key"/> in <paramref name="language"/>: the workspace's override, else the override for
    /// every workspace, else the built-in text.
    /// </summary>
    /// <param name="language">One of <see cref="SupportedLanguages"/>.</param>
    /// <param name="key">The text.</param>
    /// <param name="workspace">The workspace whose override counts, or <see langword="null"/> for the overrides of every workspace.</param>
    /// <exception cref="ArgumentException">The language is not supported.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined key.</exception>
    public string Get(string language, SystemText key, WorkspaceId? workspace = null)
    {
        var texts = Texts(language);
        Check(key);
        return (workspace is { } ws && _overrides.TryGetValue((ws, language, key), out var own)) || _overrides.TryGetValue((null, language, key), out own)
            ? own
            : texts[(int)key];
    }

    /// <summary>Replaces the text for <paramref name="key"/> in <paramref name="language"/>, for one workspace or for every one.</summary>
    /// <param name="language">One of <see cref="SupportedLanguages"/>.</param>
    /// <param name="key">The text.</param>
    /// <param name="text">The new text; keep the <c>{0}</c>, <c>{1}</c> and Liquid placeholders the key's description names.</param>
    /// <param name="workspace">The workspace, or <see langword="null"/> for every workspace.</param>
    /// <exception cref="ArgumentException">The language is not supported, or the text is empty or longer than 2,000 characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined key.</exception>
    public void Set(string language, SystemText key, string text, WorkspaceId? workspace = null)
    {
        Texts(language);
        Check(key);
        Internal.Guard.NotNullOrWhiteSpace(text, Playbooks.PlaybookValidator.MaxTextLength);
        _overrides[(workspace is { } ws ? Internal.Guard.Defined(ws) : null, language, key)] = text;
    }

    /// <summary>Goes back to the built-in text (or the one for every workspace) for <paramref name="key"/> in <paramref name="language"/>.</summary>
    /// <exception cref="ArgumentException">The language is not supported.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined key.</exception>
    public void Reset(string language, SystemText key, WorkspaceId? workspace = null)
    {
        Texts(language);
        Check(key);
        _overrides.TryRemove((workspace, language, key), out _);
    }

    /// <summary>The built-in text, whatever the overrides.</summary>
    internal static string BuiltIn(string language, SystemText key) => Texts(language)[(int)key];

    /// <summary><paramref name="language"/> when supported, else English: for texts in a language only e-mail templates were registered for.</summary>
    internal static string SupportedOrEnglish(string language) => IsSupported(language) ? language : "en";

    private static string[] Texts(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return BuiltInTexts.ByLanguage.TryGetValue(language, out var texts)
            ? texts
            : throw new ArgumentException($"The language '{language}' is not supported; use one of {string.Join(", ", SupportedLanguages)}.", nameof(language));
    }

    private static void Check(SystemText key)
    {
        if (!Enum.IsDefined(key))
        {
            throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown system text.");
        }
    }
}
