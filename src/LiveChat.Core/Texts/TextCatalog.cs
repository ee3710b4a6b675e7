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
/// next message or e-mail on. The engine's catalogue keeps a workspace's overrides in the
/// <see cref="IWorkspaceSettingsStore"/>, so every process over the same database uses them (others within
/// <see cref="LiveChatOptions.WorkspaceCacheDuration"/>) and a restart keeps them; overrides for every workspace are
/// this process's, set by the host at start like options. A catalogue made with <c>new</c> keeps everything in memory.
/// Thread-safe.
/// </remarks>
public sealed class TextCatalog
{
    private readonly ConcurrentDictionary<(WorkspaceId? Workspace, string Language, SystemText Key), string> _overrides = new();
    private readonly Internal.WorkspaceSettings? _workspaces;

    /// <summary>A catalogue with the built-in texts, whose overrides live in memory.</summary>
    public TextCatalog()
    {
    }

    /// <summary>The engine's catalogue: a workspace's overrides live in <paramref name="workspaces"/>.</summary>
    internal TextCatalog(Internal.WorkspaceSettings workspaces) => _workspaces = workspaces;

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
        return (workspace is { } ws && WorkspaceOverride(ws, language, key) is { } own) || _overrides.TryGetValue((null, language, key), out own)
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
    /// <remarks>A workspace's override is saved in the store, blocking until it is: prefer <see cref="SetAsync"/> on a request path.</remarks>
    public void Set(string language, SystemText key, string text, WorkspaceId? workspace = null)
    {
        Texts(language);
        Check(key);
        Internal.Guard.NotNullOrWhiteSpace(text, Playbooks.PlaybookValidator.MaxTextLength);
        Change(language, key, text, workspace is { } ws ? Internal.Guard.Defined(ws) : null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Replaces the text for <paramref name="key"/> in <paramref name="language"/> for one workspace, saved in the store.</summary>
    /// <exception cref="ArgumentException">The workspace is undefined, the language is not supported, or the text is empty or longer than 2,000 characters; nothing changes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined key.</exception>
    public ValueTask SetAsync(string language, SystemText key, string text, WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        Texts(language);
        Check(key);
        Internal.Guard.NotNullOrWhiteSpace(text, Playbooks.PlaybookValidator.MaxTextLength);
        return Change(language, key, text, Internal.Guard.Defined(workspace), cancellationToken);
    }

    /// <summary>Goes back to the text for every workspace (or the built-in one) for one workspace, saved in the store.</summary>
    /// <exception cref="ArgumentException">The workspace is undefined or the language is not supported.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined key.</exception>
    public ValueTask ResetAsync(string language, SystemText key, WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        Texts(language);
        Check(key);
        return Change(language, key, null, Internal.Guard.Defined(workspace), cancellationToken);
    }

    /// <summary>Goes back to the built-in text (or the one for every workspace) for <paramref name="key"/> in <paramref name="language"/>.</summary>
    /// <exception cref="ArgumentException">The language is not supported.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined key.</exception>
    public void Reset(string language, SystemText key, WorkspaceId? workspace = null)
    {
        Texts(language);
        Check(key);
        Change(language, key, null, workspace, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Sets (or, with a null text, removes) an override: a workspace's in the store when there is one, else in memory.</summary>
    private async ValueTask Change(string language, SystemText key, string? text, WorkspaceId? workspace, CancellationToken cancellationToken)
    {
        if (workspace is { } ws && _workspaces is not null)
        {
            var name = Internal.WorkspaceSettingsJson.TextKey(language, key);
            await _workspaces.SaveAsync(ws, Internal.WorkspaceSettingsJson.Texts, stored => Internal.WorkspaceSettingsJson.Write(
                text is null ? stored.Texts.Remove(name) : stored.Texts.SetItem(name, text)), cancellationToken).ConfigureAwait(false);
        }
        else if (text is null)
        {
            _overrides.TryRemove((workspace, language, key), out _);
        }
        else
        {
            _overrides[(workspace, language, key)] = text;
        }
    }

    /// <summary>The workspace's own text, if it overrides this one; a workspace with no overrides costs no key string.</summary>
    private string? WorkspaceOverride(WorkspaceId workspace, string language, SystemText key)
        => _workspaces is null ? _overrides.GetValueOrDefault((workspace, language, key))
            : _workspaces.Get(workspace).Texts is { Count: > 0 } texts ? texts.GetValueOrDefault(Internal.WorkspaceSettingsJson.TextKey(language, key))
            : null;

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
