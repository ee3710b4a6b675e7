using LiveChat.Core.Texts;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// Checks a playbook and reports every defect at once, each with its path (feature P1): duplicate ids, dangling targets,
/// unreachable cards, a handoff without an offline flow, a loop that never waits for the visitor, empty texts, an
/// unknown language, and invalid values.
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
public static partial class PlaybookValidator
{
    /// <summary>The longest text of a card, in characters.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>The most cards a playbook may have.</summary>
    public const int MaxCards = 500;

    private const int MaxIdLength = 64;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    /// <summary>Every defect of <paramref name="playbook"/>, in the order of the playbook; empty when it is valid.</summary>
    public static IReadOnlyList<PlaybookDefect> Validate(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var defects = new List<PlaybookDefect>();
        CheckHeader(playbook, defects);
        if (playbook.Cards.IsDefaultOrEmpty)
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, "$.cards", null, "A playbook needs at least one card."));
            return defects;
        }

        if (playbook.Cards.Length > MaxCards)
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, "$.cards", null, $"A playbook has at most {MaxCards} cards; this one has {playbook.Cards.Length}."));
            return defects;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < playbook.Cards.Length; i++)
        {
            var card = playbook.Cards[i];
            var path = $"$.cards[{i}]";
            if (card is null)
            {
                defects.Add(new(PlaybookDefectKind.InvalidValue, path, null, "A card is null."));
                continue;
            }

            if (!IsId(card.Id))
            {
                defects.Add(new(PlaybookDefectKind.InvalidValue, path + ".id", card.Id, "A card id is 1 to 64 letters, digits, '-' or '_', starting with a letter or digit."));
            }
            else if (!index.TryAdd(card.Id, i))
            {
                defects.Add(new(PlaybookDefectKind.DuplicateId, path + ".id", card.Id, $"The id is already used by $.cards[{index[card.Id]}]."));
            }
        }

        if (playbook.StartCardId is null || !index.ContainsKey(playbook.StartCardId))
        {
            defects.Add(new(PlaybookDefectKind.DanglingTarget, "$.startCardId", null, $"The start card '{playbook.StartCardId}' does not exist."));
        }

        for (var i = 0; i < playbook.Cards.Length; i++)
        {
            if (playbook.Cards[i] is { } card)
            {
                CheckCard(playbook, card, $"$.cards[{i}]", index, defects);
            }
        }

        CheckReachability(playbook, index, defects);
        CheckLoops(playbook, index, defects);
        return defects;
    }

    /// <summary>Throws when <paramref name="playbook"/> has any defect.</summary>
    /// <exception cref="PlaybookValidationException">The playbook has defects; all of them are listed.</exception>
    public static void ThrowIfInvalid(Playbook playbook)
    {
        var defects = Validate(playbook);
        if (defects.Count > 0)
        {
            throw new PlaybookValidationException(defects);
        }
    }

    private static void CheckHeader(Playbook playbook, List<PlaybookDefect> defects)
    {
        if (!IsId(playbook.Id))
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, "$.id", null, "A playbook id is 1 to 64 letters, digits, '-' or '_', starting with a letter or digit."));
        }

        if (playbook.Version < 1)
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, "$.version", null, "The version starts at 1."));
        }

        if (!TextCatalog.IsSupported(playbook.Language))
        {
            defects.Add(new(PlaybookDefectKind.UnknownLanguage, "$.language", null,
                $"The language '{playbook.Language}' is not supported; use one of {string.Join(", ", TextCatalog.SupportedLanguages)}."));
        }

        if (playbook.Appearance is not { } appearance)
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, "$.appearance", null, "The appearance is missing."));
        }
        else
        {
            RequiredText(appearance.BotName, "$.appearance.botName", null, defects, maxLength: 200);
            Colour(appearance.PrimaryColor, "$.appearance.primaryColor", defects);
            Colour(appearance.TextColor, "$.appearance.textColor", defects);
            OptionalText(appearance.Icon, "$.appearance.icon", null, defects);
        }

        if (playbook.Timers is not { } timers)
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, "$.timers", null, "The timers are missing."));
        }
        else
        {
            Delay(timers.ContactFormAfterGreeting, "$.timers.contactFormAfterGreeting", defects);
            Delay(timers.TranscriptOfferAfterEnd, "$.timers.transcriptOfferAfterEnd", defects);
        }
    }

    private static void CheckCard(Playbook playbook, PlaybookCard card, string path, Dictionary<string, int> index, List<PlaybookDefect> defects)
    {
        var id = card.Id;
        switch (card)
        {
            case MessageCard m:
                RequiredText(m.Text, path + ".text", id, defects);
                Target(m.Next, path + ".next", id, index, defects, optional: true);
                break;
            case ChoiceQuestionCard c:
                RequiredText(c.Text, path + ".text", id, defects);
                Key(c.AnswerKey, path + ".answerKey", id, defects);
                CheckOptions(c, path, index, defects);
                break;
            case FreeTextQuestionCard f:
                RequiredText(f.Text, path + ".text", id, defects);
                Key(f.AnswerKey, path + ".answerKey", id, defects);
                if (!Enum.IsDefined(f.Validation))
                {
                    defects.Add(new(PlaybookDefectKind.InvalidValue, path + ".validation", id, $"Unknown validation '{f.Validation}'."));
                }

                Target(f.Next, path + ".next", id, index, defects);
                break;
            case ContactFormCard form:
                OptionalText(form.Text, path + ".text", id, defects);
                Target(form.Next, path + ".next", id, index, defects);
                break;
            case LiveChatCard live:
                OptionalText(live.Text, path + ".text", id, defects);
                OptionalName(live.Team, path + ".team", id, defects);
                OptionalName(live.Agent, path + ".agent", id, defects);
                CheckOfflineFlow(playbook, live, path, index, defects);
                break;
            case OfflineFlowCard offline:
                OptionalText(offline.Text, path + ".text", id, defects);
                Target(offline.Next, path + ".next", id, index, defects);
                break;
            case RoutingQuestionCard routing:
                OptionalText(routing.Text, path + ".text", id, defects);
                Target(routing.CustomerNext, path + ".customerNext", id, index, defects);
                Target(routing.ProspectNext, path + ".prospectNext", id, index, defects);
                break;
            case QualificationCard q:
                Target(q.Next, path + ".next", id, index, defects, optional: true);
                break;
            case FollowUpActionsCard follow:
                CheckActions(follow, path, defects);
                Target(follow.Next, path + ".next", id, index, defects, optional: true);
                break;
            case EndCard end:
                OptionalText(end.Text, path + ".text", id, defects);
                CheckRedirect(end.Redirect, path + ".redirect", id, defects);
                break;
            default:
                defects.Add(new(PlaybookDefectKind.InvalidValue, path, id, $"Unknown card type {card.GetType().Name}."));
                break;
        }
    }

    private static void CheckOptions(ChoiceQuestionCard card, string path, Dictionary<string, int> index, List<PlaybookDefect> defects)
    {
        if (card.Options.IsDefaultOrEmpty)
        {
            defects.Add(new(PlaybookDefectKind.EmptyText, path + ".options", card.Id, "A choice question needs at least one answer."));
            return;
        }

        var labels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < card.Options.Length; j++)
        {
            var optionPath = $"{path}.options[{j}]";
            if (card.Options[j] is not { } option)
            {
                defects.Add(new(PlaybookDefectKind.InvalidValue, optionPath, card.Id, "An answer is null."));
                continue;
            }

            if (RequiredText(option.Label, optionPath + ".label", card.Id, defects, maxLength: 200) && !labels.Add(option.Label.Trim()))
            {
                defects.Add(new(PlaybookDefectKind.InvalidValue, optionPath + ".label", card.Id, $"The answer '{option.Label}' is listed twice."));
            }

            Target(option.Next, optionPath + ".next", card.Id, index, defects);
        }
    }

    private static void CheckOfflineFlow(Playbook playbook, LiveChatCard card, string path, Dictionary<string, int> index, List<PlaybookDefect> defects)
    {
        if (card.OfflineFlow is null)
        {
            defects.Add(new(PlaybookDefectKind.HandoffWithoutOfflineFlow, path + ".offlineFlow", card.Id, "A live-chat card needs an offline flow for when nobody is available."));
        }
        else if (!index.TryGetValue(card.OfflineFlow, out var target))
        {
            defects.Add(new(PlaybookDefectKind.DanglingTarget, path + ".offlineFlow", card.Id, $"The card '{card.OfflineFlow}' does not exist."));
        }
        else if (playbook.Cards[target] is not OfflineFlowCard)
        {
            defects.Add(new(PlaybookDefectKind.HandoffWithoutOfflineFlow, path + ".offlineFlow", card.Id, $"The card '{card.OfflineFlow}' is not an offline-flow card."));
        }
    }

    private static void CheckActions(FollowUpActionsCard card, string path, List<PlaybookDefect> defects)
    {
        if (card.Actions.IsDefaultOrEmpty)
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, path + ".actions", card.Id, "A follow-up card needs at least one action."));
            return;
        }

        for (var k = 0; k < card.Actions.Length; k++)
        {
            var actionPath = $"{path}.actions[{k}]";
            switch (card.Actions[k])
            {
                case null:
                    defects.Add(new(PlaybookDefectKind.InvalidValue, actionPath, card.Id, "An action is null."));
                    break;
                case CreateLeadAction lead:
                    OptionalName(lead.DistributionGroup, actionPath + ".distributionGroup", card.Id, defects);
                    break;
                case CreateDealAction deal:
                    RequiredText(deal.Title, actionPath + ".title", card.Id, defects, maxLength: 200);
                    OptionalName(deal.DistributionGroup, actionPath + ".distributionGroup", card.Id, defects);
                    break;
                case CreateActivityAction activity:
                    RequiredText(activity.Text, actionPath + ".text", card.Id, defects);
                    break;
                case TagAction tag:
                    RequiredText(tag.Tag, actionPath + ".tag", card.Id, defects, maxLength: 64);
                    break;
                case AssignToTeamAction assign:
                    if (assign.Team is null)
                    {
                        defects.Add(new(PlaybookDefectKind.InvalidValue, actionPath + ".team", card.Id, "A team id is 1 to 64 characters."));
                    }
                    else
                    {
                        OptionalName(assign.Team, actionPath + ".team", card.Id, defects);
                    }

                    break;
            }
        }
    }

    private static void CheckRedirect(ChannelRedirect? redirect, string path, string id, List<PlaybookDefect> defects)
    {
        if (redirect is null)
        {
            return;
        }

        var valid = redirect.Kind switch
        {
            RedirectKind.Email => redirect.Address is { Length: <= 254 } a && AnswerRules.IsEmail(a),
            RedirectKind.Url => Uri.TryCreate(redirect.Address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp),
            RedirectKind.Phone => redirect.Address is { } p && AnswerRules.IsPhone(p),
            _ => false,
        };
        if (!valid)
        {
            defects.Add(new(PlaybookDefectKind.InvalidValue, path + ".address", id, $"'{redirect.Address}' is not a valid {redirect.Kind} address."));
        }
    }
}
