using System.Collections.Frozen;
using LiveChat.Core.Texts;
using Stateless;
using Stateless.Graph;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// One playbook version compiled into one Stateless state machine, shared by every conversation on that version.
/// </summary>
/// <remarks>
/// <para>
/// States are card ids, plus <see cref="AgentState"/> (handed to routing) and <see cref="DoneState"/> (a path without a
/// next card). The machine keeps no conversation's state: its external state accessor reads a field that
/// <see cref="Fire"/> sets from the caller's <see cref="PlaybookRun.CardId"/> and reads back afterwards, so a waiting
/// conversation holds only its run record.
/// </para>
/// <para>
/// A <see cref="StateMachine{TState,TTrigger}"/> is single-threaded, so every fire happens under one lock per machine. A
/// fire is a few hundred nanoseconds and decides only the next card; effects (messages, CRM calls) run after the lock
/// is released. Thread-safe.
/// </para>
/// </remarks>
internal sealed class PlaybookMachine
{
    public const string AgentState = "_agent";
    public const string DoneState = "_done";

    private readonly Lock _gate = new();
    private readonly StateMachine<string, PlaybookTrigger> _machine;
    private readonly StateMachine<string, PlaybookTrigger>.TriggerWithParameters<string> _answer;
    private readonly TextCatalog _texts;
    private string _state;
    private bool _rejected;

    public PlaybookMachine(Playbook playbook, TextCatalog texts)
    {
        Playbook = playbook;
        _texts = texts;
        Cards = playbook.Cards.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        _state = playbook.StartCardId;
        _machine = new StateMachine<string, PlaybookTrigger>(() => _state, s => _state = s);
        _answer = _machine.SetTriggerParameters<string>(PlaybookTrigger.Answer);
        foreach (var card in playbook.Cards)
        {
            Configure(card);
        }
    }

    public Playbook Playbook { get; }

    public FrozenDictionary<string, PlaybookCard> Cards { get; }

    /// <summary>Fires <paramref name="trigger"/> from <paramref name="from"/>; returns the next state, and whether an answer was refused.</summary>
    public (string State, bool Rejected) Fire(string from, PlaybookTrigger trigger, string? answer = null)
    {
        lock (_gate)
        {
            _state = from;
            _rejected = false;
            if (trigger == PlaybookTrigger.Answer)
            {
                _machine.Fire(_answer, answer ?? string.Empty);
            }
            else
            {
                _machine.Fire(trigger);
            }

            return (_state, _rejected);
        }
    }

    /// <summary>Whether <paramref name="trigger"/> (without parameters) is permitted at <paramref name="from"/>.</summary>
    public bool CanFire(string from, PlaybookTrigger trigger)
    {
        lock (_gate)
        {
            _state = from;
            return _machine.CanFire(trigger);
        }
    }

    /// <summary>The machine as a Mermaid state diagram, from Stateless's own graph support.</summary>
    public string ToMermaid()
    {
        lock (_gate)
        {
            _state = Playbook.StartCardId;
            return MermaidGraph.Format(_machine.GetInfo());
        }
    }

    /// <summary>The machine as a Graphviz DOT graph.</summary>
    public string ToDot()
    {
        lock (_gate)
        {
            _state = Playbook.StartCardId;
            return UmlDotGraph.Format(_machine.GetInfo());
        }
    }

    /// <summary>The index of the option <paramref name="answer"/> picks: its label, or its number from 1; -1 for none.</summary>
    public static int MatchOption(ChoiceQuestionCard card, string answer)
    {
        var text = answer.Trim();
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= card.Options.Length)
        {
            return number - 1;
        }

        for (var i = 0; i < card.Options.Length; i++)
        {
            if (string.Equals(card.Options[i].Label.Trim(), text, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether the routing answer says customer (<see langword="true"/>), prospect (<see langword="false"/>) or neither:
    /// 1 or 2, the offered answer, or the visitor's own words in the playbook's language (see <see cref="CustomerAnswer"/>).
    /// </summary>
    public bool? MatchCustomer(string answer)
    {
        var language = Playbook.Language;
        var text = answer.Trim();
        return text switch
        {
            "1" => true,
            "2" => false,
            _ => CustomerAnswer.Match(language, text, _texts.Get(language, SystemText.RoutingYes), _texts.Get(language, SystemText.RoutingNo)),
        };
    }

    private void Configure(PlaybookCard card)
    {
        var state = _machine.Configure(card.Id);
        switch (card)
        {
            case MessageCard m:
                Go(state, card.Id, PlaybookTrigger.Continue, m.Next ?? DoneState);
                break;
            case QualificationCard q:
                Go(state, card.Id, PlaybookTrigger.Continue, q.Next ?? DoneState);
                break;
            case FollowUpActionsCard f:
                Go(state, card.Id, PlaybookTrigger.Continue, f.Next ?? DoneState);
                break;
            case OfflineFlowCard o:
                Go(state, card.Id, PlaybookTrigger.Continue, o.Next);
                break;
            case ChoiceQuestionCard c:
                for (var i = 0; i < c.Options.Length; i++)
                {
                    var index = i;
                    Answer(state, card.Id, c.Options[i].Next, a => MatchOption(c, a) == index, c.Options[i].Label);
                }

                Reject(state, a => MatchOption(c, a) < 0, "no option");
                break;
            case FreeTextQuestionCard t:
                Answer(state, card.Id, t.Next, a => AnswerRules.Accepts(t.Validation, a), t.Validation == AnswerValidation.None ? "any text" : t.Validation.ToString().ToLowerInvariant());
                Reject(state, a => !AnswerRules.Accepts(t.Validation, a), "invalid");
                break;
            case ContactFormCard form:
                Go(state, card.Id, PlaybookTrigger.FormSubmitted, form.Next);
                Go(state, card.Id, PlaybookTrigger.Skip, form.Next);
                Reject(state, _ => true, "typed text");
                break;
            case RoutingQuestionCard r:
                Answer(state, card.Id, r.CustomerNext, a => MatchCustomer(a) == true, "customer");
                Answer(state, card.Id, r.ProspectNext, a => MatchCustomer(a) == false, "prospect");
                Reject(state, a => MatchCustomer(a) is null, "unclear");
                Go(state, card.Id, PlaybookTrigger.Skip, r.CustomerNext);
                break;
            case LiveChatCard live:
                Go(state, card.Id, PlaybookTrigger.AgentAvailable, AgentState);
                Go(state, card.Id, PlaybookTrigger.NoAgentAvailable, live.OfflineFlow!);
                break;
            case EndCard:
                break;
        }
    }

    private static void Go(StateMachine<string, PlaybookTrigger>.StateConfiguration state, string from, PlaybookTrigger trigger, string to)
    {
        if (to == from)
        {
            state.PermitReentry(trigger);
        }
        else
        {
            state.Permit(trigger, to);
        }
    }

    private void Answer(StateMachine<string, PlaybookTrigger>.StateConfiguration state, string from, string to, Func<string, bool> guard, string description)
    {
        if (to == from)
        {
            state.PermitReentryIf(_answer, guard, description);
        }
        else
        {
            state.PermitIf(_answer, to, guard, description);
        }
    }

    private void Reject(StateMachine<string, PlaybookTrigger>.StateConfiguration state, Func<string, bool> guard, string description)
        => state.InternalTransitionIf(_answer, guard, (_, _) => _rejected = true, description);
}
