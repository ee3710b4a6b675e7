// One hostile call, checked the way the issue asks: only documented exception types; nothing changed when refused
// (public read API snapshot before and after); everything still readable; a fresh engine on the same database reads
// exactly what the live engine reads.
using System.Text.Json;
using LiveChat.Core;

namespace LiveChat.Issue14.Checks;

public sealed record Outcome(bool Accepted, Exception? Error, object? Result)
{
    public string Signature => Accepted ? "accepted" : "refused:" + Error!.GetType().Name;
}

public static class Probe
{
    /// <summary>ArgumentException family or LiveChatException subclasses, never JSON or database driver types.</summary>
    public static bool IsDocumented(Exception e)
    {
        if (IsDriverOrJson(e)) return false;
        return e is ArgumentException || e is LiveChatException;
    }

    public static bool IsDriverOrJson(Exception e)
    {
        var ns = e.GetType().Namespace ?? "";
        return e is JsonException || ns.StartsWith("Npgsql", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal)
            || ns.StartsWith("SQLitePCL", StringComparison.Ordinal)
            || ns.StartsWith("System.Text.Json", StringComparison.Ordinal)
            || e is System.Data.Common.DbException
            // An ArgumentException raised inside a driver (e.g. its UTF-8 encoder) is not the core's validation.
            || (e.StackTrace ?? "").Contains("at Npgsql.", StringComparison.Ordinal)
            || (e.StackTrace ?? "").Contains("at Microsoft.Data.Sqlite.", StringComparison.Ordinal);
    }

    public static async Task<Outcome> RunAsync(World w, Func<Task<object?>> call, List<string> faults, bool requireArgumentException = false)
    {
        var before = await w.SnapshotAsync();
        Outcome o;
        try
        {
            var r = await call();
            o = new Outcome(true, null, r);
        }
        catch (Exception e)
        {
            o = new Outcome(false, e, null);
            if (!IsDocumented(e))
                faults.Add($"undocumented exception {e.GetType().FullName}: {Short(e.Message)}");
            else if (requireArgumentException && e is not ArgumentException)
                faults.Add($"expected a specific ArgumentException, got {e.GetType().FullName}: {Short(e.Message)}");
        }
        var after = await w.SnapshotAsync();
        if (after.Contains("!ERR", StringComparison.Ordinal))
            faults.Add("state no longer readable after the call:\n" + Errors(after));
        if (!o.Accepted && after != before)
            faults.Add("refused, but the state changed:\n" + Diff(before, after));
        if (w.Env.Durable)
        {
            string fresh;
            try { fresh = await w.SnapshotAsync(w.Env.OpenFresh(), durableOnly: true); }
            catch (Exception e) { fresh = "!ERR opening a fresh engine: " + e.GetType().FullName + ": " + Short(e.Message); }
            var live = await w.SnapshotAsync(durableOnly: true);
            if (fresh != live)
                faults.Add("a fresh engine over the same database reads something else:\n" + Diff(live, fresh));
        }
        return o;
    }

    public static string Short(string s) => s.Length > 300 ? s[..300] + "…" : s;

    public static string Errors(string snapshot) =>
        string.Join("\n", snapshot.Split('\n').Where(l => l.StartsWith("!ERR", StringComparison.Ordinal)).Distinct().Take(6));

    public static string Diff(string a, string b)
    {
        var la = a.Split('\n');
        var lb = b.Split('\n');
        var lines = new List<string>();
        for (int i = 0; i < Math.Max(la.Length, lb.Length) && lines.Count < 8; i++)
        {
            var x = i < la.Length ? la[i] : "<none>";
            var y = i < lb.Length ? lb[i] : "<none>";
            if (x != y) lines.Add($"  - {Short(x)}\n  + {Short(y)}");
        }
        return string.Join("\n", lines);
    }

    /// <summary>Fails the test with every fault found, each on its own lines.</summary>
    public static void AssertNone(List<string> faults, string what)
    {
        if (faults.Count > 0)
            throw new Xunit.Sdk.XunitException($"{what}:\n" + string.Join("\n", faults.Select(f => "* " + f)));
    }
}

/// <summary>The hostile texts every text input is driven with.</summary>
public static class Hostile
{
    public static readonly IReadOnlyDictionary<string, string?> Texts = new Dictionary<string, string?>
    {
        ["null"] = null,
        ["empty"] = "",
        ["whitespace"] = " \t  ",
        ["crlf"] = "line one\r\nline two",
        ["nul"] = "before\0after",
        ["lone-high"] = "lone \uD800 x",
        ["lone-low"] = "x \uDC00",
        ["reversed-pair"] = "\uDC00\uD83D",
        ["bidi"] = "invoice\u202Egpj.exe",
        ["markup"] = "<script>alert(1)</script><img src=x onerror=alert(2)>",
        ["control"] = "bell\u0007esc\u001B del\u007F",
        ["nonchar"] = "\uFFFE\uFFFF",
        ["oversized"] = new string('x', 100_001),
        ["emoji"] = "ok 😀 👍🏽 é",
    };

    /// <summary>Values on which stores are most likely to disagree.</summary>
    public static readonly string[] StoreSensitive = ["nul", "lone-high", "lone-low", "reversed-pair", "nonchar", "control"];

    public static string? Get(string label) => Texts[label];
}
