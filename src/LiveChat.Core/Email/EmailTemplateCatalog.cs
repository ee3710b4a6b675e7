using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;

namespace LiveChat.Core.Email;

/// <summary>
/// Parses, checks, stores and renders e-mail templates (feature E5). Resolution, most specific first: the workspace's
/// channel, the workspace, every workspace, then the built-in template of the language, then the built-in English one.
/// Thread-safe: templates are immutable once parsed, and the tables are concurrent.
/// </summary>
internal sealed class EmailTemplateCatalog
{
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<(EmailKind Kind, string Language, EmailPhrases Phrases), Compiled> BuiltIns = new();
    private readonly ConcurrentDictionary<(WorkspaceId? Workspace, string? Channel, EmailKind Kind, string Language), Compiled> _overrides = new();
    private static readonly System.Buffers.SearchValues<char> LanguageChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz-");
    private readonly TemplateOptions _options = new();
    private readonly Texts.TextCatalog _texts;

    public EmailTemplateCatalog(TimeProvider time, Texts.TextCatalog texts)
    {
        _texts = texts;
        _options.Now = time.GetUtcNow;
        _options.TimeZone = TimeZoneInfo.Utc;
        _options.CultureInfo = System.Globalization.CultureInfo.InvariantCulture;
        // A hostile host template cannot loop forever in the dispatcher.
        _options.MaxSteps = 1_000_000;
    }

    public static string NormalizeLanguage(string? language)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        var normalized = language.Trim().ToLowerInvariant();
        return normalized.Length <= 16 && !normalized.AsSpan().ContainsAnyExcept(LanguageChars)
            ? normalized
            : throw new ArgumentException($"\"{language}\" is not a language tag such as en or pt-br.", nameof(language));
    }

    public void Register(EmailKind kind, string language, EmailTemplate template, WorkspaceId? workspace, string? channel)
    {
        var compiled = Compile(kind, language, template);
        _overrides[(workspace, channel, kind, language)] = compiled;
    }

    public bool HasLanguage(string language)
        => BuiltInEmailTemplates.IsBuiltIn(language) || _overrides.Keys.Any(k => k.Language == language);

    public Rendered Render(EmailKind kind, string language, WorkspaceId workspace, string channel, IReadOnlyDictionary<string, object?> model, TimeZoneInfo zone)
    {
        var template = Resolve(kind, language, workspace, channel);
        var context = new TemplateContext(_options) { TimeZone = zone };
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }

        var subject = template.Subject.Render(context, NullEncoder.Default);
        var html = template.Html.Render(context, HtmlEncoder.Default);
        var text = template.Text.Render(context, NullEncoder.Default);
        return new Rendered(OneLine(subject), html, text);
    }

    /// <summary>Folds every line break and control character into one space, so a subject can never add a header.</summary>
    public static string OneLine(string value)
        => string.Join(' ', (EmailAddress.CleanDisplayNameUnbounded(value) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private Compiled Resolve(EmailKind kind, string language, WorkspaceId workspace, string channel)
    {
        if (_overrides.TryGetValue((workspace, channel, kind, language), out var found)
            || _overrides.TryGetValue((workspace, null, kind, language), out found)
            || _overrides.TryGetValue((null, null, kind, language), out found))
        {
            return found;
        }

        // Built from the catalogue's words, the workspace's overrides included; equal words share one compiled template.
        var builtIn = BuiltInEmailTemplates.IsBuiltIn(language) ? language : "en";
        return BuiltIns.GetOrAdd(
            (kind, builtIn, EmailPhrases.From(_texts, builtIn, workspace)),
            key => Compile(key.Kind, key.Language, BuiltInEmailTemplates.Build(key.Kind, key.Language, key.Phrases)));
    }

    private static Compiled Compile(EmailKind kind, string language, EmailTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var problems = new List<string>();
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var subject = Parse("subject", template.Subject);
        var html = Parse("html", template.Html);
        var text = Parse("text", template.Text);
        return problems.Count == 0
            ? new Compiled(subject!, html!, text!)
            : throw new EmailTemplateException(kind, language, problems, [.. unknown]);

        IFluidTemplate? Parse(string part, string? source)
        {
            if (string.IsNullOrWhiteSpace(source))
            {
                problems.Add($"{part}: is empty");
                return null;
            }

            if (!Parser.TryParse(source, out var parsed, out var error))
            {
                problems.Add($"{part}: {error}");
                return null;
            }

            foreach (var name in EmailTemplateValidator.UnknownPlaceholders(parsed))
            {
                problems.Add($"{part}: unknown placeholder \"{name}\"");
                unknown.Add(name);
            }

            return parsed;
        }
    }

    internal sealed record Compiled(IFluidTemplate Subject, IFluidTemplate Html, IFluidTemplate Text);

    internal sealed record Rendered(string Subject, string Html, string Text);
}
