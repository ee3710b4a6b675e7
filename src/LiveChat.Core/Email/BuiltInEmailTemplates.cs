using System.Collections.Immutable;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Email;

/// <summary>The SDK's own templates in en, fr, cs, de and es (feature E5); hosts override them per workspace or channel.</summary>
public static class BuiltInEmailTemplates
{
    /// <summary>Dates with the offset of their moment, which tells the reader the zone and stays right across DST changes.</summary>
    private const string DateFormat = "%Y-%m-%d %H:%M (UTC%:z)";

    /// <summary>The time of a message; the transcript's start and end carry the date and offset.</summary>
    private const string TimeFormat = "%H:%M";

    /// <summary>The languages with built-in templates.</summary>
    public static ImmutableArray<string> Languages => TextCatalog.SupportedLanguages;

    /// <summary>Whether <paramref name="language"/> has built-in templates.</summary>
    public static bool IsBuiltIn(string? language) => TextCatalog.IsSupported(language);

    /// <summary>The built-in template of <paramref name="kind"/> in <paramref name="language"/>.</summary>
    /// <exception cref="ArgumentException">The language has no built-in templates.</exception>
    public static EmailTemplate Get(EmailKind kind, string language)
    {
        if (!IsBuiltIn(language))
        {
            throw new ArgumentException($"There are no built-in e-mail templates for \"{language}\"; the languages are {string.Join(", ", Languages)}.", nameof(language));
        }

        return Build(kind, language, EmailPhrases.From(null, language, null));
    }

    /// <summary>The built-in template of <paramref name="kind"/> with the words of the catalogue, overrides included.</summary>
    internal static EmailTemplate Build(EmailKind kind, string language, EmailPhrases p)
    {
        return kind switch
        {
            EmailKind.Transcript => Transcript(language, p),
            EmailKind.UnreadMessages => Replies(language, p, p.UnreadSubject, p.UnreadIntro),
            EmailKind.OfflineReply => Replies(language, p, p.OfflineSubject, p.OfflineIntro),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown e-mail kind."),
        };
    }

    private static EmailTemplate Transcript(string language, EmailPhrases p) => new(
        p.TranscriptSubject,
        $$$"""
        <!DOCTYPE html>
        <html lang="{{{language}}}"><body style="font-family: sans-serif">
        <p>{{{p.TranscriptIntro}}}</p>
        <p><strong>{{{p.Conversation}}} #{{ conversation_number }}</strong><br>
        {{{p.Started}}}: {{ started_at | date: "{{{DateFormat}}}" }}{% if ended_at %}<br>
        {{{p.Ended}}}: {{ ended_at | date: "{{{DateFormat}}}" }}{% endif %}</p>
        <table>
        {% for m in messages %}<tr><td>{{ m.sent_at | date: "{{{TimeFormat}}}" }}</td><td><strong>{{ m.sender }}</strong></td><td>{{ m.text }}</td></tr>
        {% endfor %}</table>
        <p>{{ workspace_name }}</p>
        </body></html>
        """,
        $$$"""
        {{{p.TranscriptIntro}}}

        {{{p.Conversation}}} #{{ conversation_number }}
        {{{p.Started}}}: {{ started_at | date: "{{{DateFormat}}}" }}{% if ended_at %}
        {{{p.Ended}}}: {{ ended_at | date: "{{{DateFormat}}}" }}{% endif %}

        {% for m in messages %}[{{ m.sent_at | date: "{{{TimeFormat}}}" }}] {{ m.sender }}: {{ m.text }}
        {% endfor %}
        {{ workspace_name }}
        """);

    private static EmailTemplate Replies(string language, EmailPhrases p, string subject, string intro) => new(
        subject,
        $$$"""
        <!DOCTYPE html>
        <html lang="{{{language}}}"><body style="font-family: sans-serif">
        <p>{{{intro}}}</p>
        {% if question != "" %}<p><strong>{{{p.YourQuestion}}}:</strong><br>{{ question }}</p>{% endif %}
        {% if more_replies > 0 %}<p>{{{p.MoreReplies}}}</p>{% endif %}
        {% for m in replies %}<p><strong>{{ m.sender }}</strong> ({{ m.sent_at | date: "{{{DateFormat}}}" }}):<br>{{ m.text }}</p>
        {% endfor %}{% if link != "" %}<p><a href="{{ link }}">{{{p.Continue}}}</a></p>{% endif %}
        <p>{{ workspace_name }}</p>
        </body></html>
        """,
        $$$"""
        {{{intro}}}
        {% if question != "" %}
        {{{p.YourQuestion}}}: {{ question }}
        {% endif %}{% if more_replies > 0 %}
        {{{p.MoreReplies}}}
        {% endif %}
        {% for m in replies %}{{ m.sender }} ({{ m.sent_at | date: "{{{DateFormat}}}" }}): {{ m.text }}
        {% endfor %}{% if link != "" %}
        {{{p.Continue}}}: {{ link }}
        {% endif %}
        {{ workspace_name }}
        """);
}
