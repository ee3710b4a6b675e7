using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveChat.Core.Playbooks;

/// <summary>The checks behind <see cref="AnswerValidation"/>: cheap patterns, so a visitor's typing never throws.</summary>
internal static partial class AnswerRules
{
    public static bool Accepts(AnswerValidation validation, string answer) => validation switch
    {
        AnswerValidation.Email => IsEmail(answer),
        AnswerValidation.Phone => IsPhone(answer),
        AnswerValidation.Number => IsNumber(answer),
        AnswerValidation.Name => IsName(answer),
        _ => !string.IsNullOrWhiteSpace(answer),
    };

    public static bool IsEmail(string text) => text.Length <= 254 && EmailPattern().IsMatch(text.Trim());

    public static bool IsPhone(string text)
    {
        var trimmed = text.Trim();
        if (!PhonePattern().IsMatch(trimmed))
        {
            return false;
        }

        var digits = trimmed.Count(char.IsAsciiDigit);
        return digits is >= 6 and <= 15;
    }

    public static bool IsName(string text) => text.Trim().Length is > 0 and <= 200 && text.Any(char.IsLetter);

    public static bool IsNumber(string text)
        => text.Length <= 40 && decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ().\-]{6,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
