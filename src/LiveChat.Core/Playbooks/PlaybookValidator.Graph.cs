namespace LiveChat.Core.Playbooks;

/// <summary>The playbook's graph checks: every card reachable from the start, and no loop that never waits for the visitor.</summary>
public static partial class PlaybookValidator
{
    private static void CheckReachability(Playbook playbook, Dictionary<string, int> index, List<PlaybookDefect> defects)
    {
        var reached = new bool[playbook.Cards.Length];
        var pending = new Stack<int>();
        if (playbook.StartCardId is not null && index.TryGetValue(playbook.StartCardId, out var start))
        {
            pending.Push(start);
        }

        while (pending.TryPop(out var i))
        {
            if (reached[i])
            {
                continue;
            }

            reached[i] = true;
            foreach (var next in SafeTargets(playbook.Cards[i]))
            {
                if (index.TryGetValue(next, out var j) && !reached[j])
                {
                    pending.Push(j);
                }
            }
        }

        foreach (var (id, i) in index.OrderBy(e => e.Value))
        {
            if (!reached[i])
            {
                defects.Add(new(PlaybookDefectKind.UnreachableCard, $"$.cards[{i}]", id, "No path from the start card leads here."));
            }
        }
    }

    /// <summary>Finds loops among cards that never wait for the visitor: strongly connected components (Tarjan) of that subgraph.</summary>
    private static void CheckLoops(Playbook playbook, Dictionary<string, int> index, List<PlaybookDefect> defects)
    {
        var n = playbook.Cards.Length;
        var order = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        var stack = new Stack<int>();
        var counter = 0;
        Array.Fill(order, -1);

        List<int> Successors(int i) => playbook.Cards[i] is { AlwaysWaitsForVisitor: false } card
            ? [.. SafeTargets(card).Select(t => index.TryGetValue(t, out var j) ? j : -1).Where(j => j >= 0 && playbook.Cards[j] is { AlwaysWaitsForVisitor: false })]
            : [];

        void Visit(int v)
        {
            order[v] = low[v] = counter++;
            stack.Push(v);
            onStack[v] = true;
            var successors = Successors(v);
            foreach (var w in successors)
            {
                if (order[w] < 0)
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack[w])
                {
                    low[v] = Math.Min(low[v], order[w]);
                }
            }

            if (low[v] != order[v])
            {
                return;
            }

            var component = new List<int>();
            int x;
            do
            {
                x = stack.Pop();
                onStack[x] = false;
                component.Add(x);
            }
            while (x != v);

            if (component.Count > 1 || successors.Contains(v))
            {
                component.Sort();
                var first = component[0];
                var ids = string.Join(" -> ", component.Select(c => playbook.Cards[c].Id));
                defects.Add(new(PlaybookDefectKind.LoopWithoutVisitorInput, $"$.cards[{first}]", playbook.Cards[first].Id,
                    $"The cards {ids} form a loop in which the bot never waits for the visitor; add a question to it."));
            }
        }

        foreach (var i in index.Values.Order())
        {
            if (order[i] < 0)
            {
                Visit(i);
            }
        }
    }

    private static IEnumerable<string> SafeTargets(PlaybookCard? card)
        => card is null ? [] : card.Targets().Where(t => t is not null);
}
