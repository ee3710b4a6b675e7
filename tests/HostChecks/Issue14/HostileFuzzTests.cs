// Generated hostile values: random mixes of the hostile fragments, pushed through random text entry points on one
// evolving world per store. Seed: ISSUE14_SEED (default 1414); iterations: ISSUE14_ITERATIONS (default 40).
using Xunit;

namespace LiveChat.Issue14.Checks;

public class HostileFuzzTests
{
    public static IEnumerable<object[]> StoresRows() => Stores.All();

    private static readonly string[] Fragments =
        ["", " ", "\r\n", "\n", "\0", "\uD800", "\uDFFF", "\u202E", "\u2066", "\u200B", "<b>", "</script>", "&amp;", "\"'",
         "\\", "é", "😀", "\uFFFD", "\uFEFF", "\u0007", "a", "Hello", "%s%n", "${x}", "{{ x }}", "'); DROP TABLE x;--"];

    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Generated_hostile_texts_through_random_entry_points(StoreKind store)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ISSUE14_SEED"), out var s) ? s : 1414;
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("ISSUE14_ITERATIONS"), out var n) ? n : 40;
        var random = new Random(seed);
        await using var w = await World.CreateAsync(store);
        var faults = new List<string>();
        for (int i = 0; i < iterations; i++)
        {
            var c = TextCases.All[random.Next(TextCases.All.Length)];
            var parts = random.Next(1, 6);
            var text = string.Concat(Enumerable.Range(0, parts).Select(_ => Fragments[random.Next(Fragments.Length)]));
            if (random.Next(10) == 0) text = new string('y', random.Next(190, 4100)) + text;
            var local = new List<string>();
            var o = await Probe.RunAsync(w, () => c.Call(w, text), local);
            if (o.Accepted && c.Verify is not null)
            {
                try { await c.Verify(w, text, o.Result, local); }
                catch (Exception e) { local.Add($"reading back threw {e.GetType().FullName}: {Probe.Short(e.Message)}"); }
            }
            faults.AddRange(local.Select(f => $"#{i} {c.Name} {World.T(text)} ({o.Signature}): {f}"));
            if (faults.Count > 12) break;
        }
        Probe.AssertNone(faults, $"seed {seed} on {store}");
    }
}
