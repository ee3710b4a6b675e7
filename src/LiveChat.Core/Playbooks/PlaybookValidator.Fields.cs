using System.Text.RegularExpressions;

namespace LiveChat.Core.Playbooks;

/// <summary>The field checks the card checks share: targets, texts, names, keys, colours, delays and ids.</summary>
public static partial class PlaybookValidator
{
    private static void Target(string? target, string path, string id, Dictionary<string, int> index, List<PlaybookDefect> defects, bool optional = false)
    {
        if (target is null)
        {
            if (!optional)
            {
                defects.Add(new(PlaybookDefectKind.DanglingTarget, path, id, "The next card is missing."));
            }
        }
        else if (!index.ContainsKey(target))
        {
            defects.Add(new(PlaybookDefectKind.DanglingTarget, path, id, $"The card '{target}' does not exist."));
        }
    }

    private static bool RequiredText(string? text, string path, string? id, List<PlaybookDefect> defects, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            defects.Add(new(PlaybookDefectKind.EmptyText, path, id, "The text is empty."));
            return false;
        }

        if (text.Length > maxLength)
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, path, id, $"The text is {text.Length} characters long; at most {maxLength} are allowed."));
            return false;
        }

        if (!Internal.Guard.IsStorable(text))
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, path, id, "The text holds NUL or a lone surrogate, which no store keeps exactly."));
            return false;
        }

        return true;
    }

    private static void OptionalText(string? text, string path, string? id, List<PlaybookDefect> defects)
    {
        if (text is not null)
        {
            RequiredText(text, path, id, defects);
        }
    }

    private static void OptionalName(string? name, string path, string id, List<PlaybookDefect> defects)
    {
        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !Internal.Guard.IsStorable(name)))
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, path, id, "A team, agent or group id is 1 to 64 characters."));
        }
    }

    private static void Key(string? key, string path, string id, List<PlaybookDefect> defects)
    {
        if (key is not null && !IsId(key))
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, path, id, "An answer key is 1 to 64 letters, digits, '-' or '_'."));
        }
    }

    private static void Colour(string? colour, string path, List<PlaybookDefect> defects)
    {
        if (colour is null || !ColourPattern().IsMatch(colour))
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, path, null, $"'{colour}' is not a colour of the form #RRGGBB."));
        }
    }

    private static void Delay(TimeSpan? delay, string path, List<PlaybookDefect> defects)
    {
        if (delay is { } d && (d <= TimeSpan.Zero || d > MaxDelay))
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, path, null, $"A delay is more than zero and at most {MaxDelay}."));
        }
    }

    private static bool IsId(string? id) => id is { Length: > 0 and <= MaxIdLength } && IdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex ColourPattern();
}
