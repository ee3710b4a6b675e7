// The property-style sweep the issue asks for, written as a host would: every public entry point taking text is
// driven with every hostile text, and every non-text entry point with default structs, another workspace's ids and
// negative or huge numbers; after each call the outcome is checked (see Probe).
using FluentAssertions;
using Xunit;

namespace LiveChat.Issue14.Checks;

public class HostileTextTests
{
    public static IEnumerable<object[]> AllRows() =>
        from store in Stores.Available()
        from c in TextCases.All
        from v in Hostile.Texts.Keys
        select new object[] { store, c.Name, v };

    // Rows that fail for a known fault run skipped in KnownFaultTests.
    public static IEnumerable<object[]> Rows() => AllRows().Where(r => !KnownFaults.WorkspaceName(r) && !KnownFaults.ChannelHandle(r));

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Hostile_text_is_refused_cleanly_or_stored_exactly(StoreKind store, string entryPoint, string value)
    {
        await using var w = await World.CreateAsync(store);
        var c = TextCases.Get(entryPoint);
        var text = Hostile.Get(value);
        var faults = new List<string>();
        var o = await Probe.RunAsync(w, () => c.Call(w, text), faults);
        if (o.Accepted && c.Verify is not null)
        {
            try { await c.Verify(w, text, o.Result, faults); }
            catch (Exception e) { faults.Add($"reading back what was accepted threw {e.GetType().FullName}: {Probe.Short(e.Message)}"); }
        }
        Probe.AssertNone(faults, $"{entryPoint} with {value} on {store} ({o.Signature})");
    }
}

public class HostileProbeTests
{
    public static IEnumerable<object[]> Rows(string prefix) =>
        from store in Stores.Available()
        from c in ProbeCases.Every.Where(c => c.Name.StartsWith(prefix, StringComparison.Ordinal))
        select new object[] { store, c.Name };

    // Rows that fail for a known fault run skipped in KnownFaultTests.
    public static IEnumerable<object[]> DefaultRows() => Rows("default.").Where(r => !KnownFaults.ContactDefault(r) && !KnownFaults.UncheckedDefault(r));
    public static IEnumerable<object[]> ForeignRows() => Rows("foreign.");
    public static IEnumerable<object[]> NumberRows() => Rows("number.");

    [Theory]
    [MemberData(nameof(DefaultRows))]
    public Task Default_structs_and_nulls_are_refused_with_ArgumentException(StoreKind store, string name) => Run(store, name);

    [Theory]
    [MemberData(nameof(ForeignRows))]
    public Task Another_workspaces_ids_are_refused_and_change_nothing(StoreKind store, string name) => Run(store, name);

    [Theory]
    [MemberData(nameof(NumberRows))]
    public Task Negative_and_huge_numbers_are_refused_or_read_back_exactly(StoreKind store, string name) => Run(store, name);

    private static async Task Run(StoreKind store, string name)
    {
        await using var w = await World.CreateAsync(store);
        var c = ProbeCases.Get(name);
        var faults = new List<string>();
        var o = await Probe.RunAsync(w, () => c.Call(w), faults, c.RequireArgumentException);
        if (o.Accepted && c.MustRefuse)
            faults.Add($"accepted (returned {Describe(o.Result)}), should have been refused");
        if (o.Accepted && c.Verify is not null)
        {
            try { await c.Verify(w, o.Result, faults); }
            catch (Exception e) { faults.Add($"reading back what was accepted threw {e.GetType().FullName}: {Probe.Short(e.Message)}"); }
        }
        Probe.AssertNone(faults, $"{name} on {store} ({o.Signature})");
    }

    private static string Describe(object? r) => r switch
    {
        null => "nothing",
        System.Collections.ICollection col => $"{col.Count} item(s)",
        _ => Probe.Short(r.ToString() ?? ""),
    };
}

/// <summary>Fault 2's rule: text is checked once, in the core; every store gives the same answer to the same call.</summary>
public class StoreConsistencyTests
{
    public static IEnumerable<object[]> Rows() =>
        from c in TextCases.All
        from v in Hostile.StoreSensitive
        select new object[] { c.Name, v };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Every_store_answers_a_hostile_text_alike(string entryPoint, string value)
    {
        var outcomes = new Dictionary<StoreKind, string>();
        foreach (var store in Stores.Available())
        {
            await using var w = await World.CreateAsync(store);
            var c = TextCases.Get(entryPoint);
            try
            {
                await c.Call(w, Hostile.Get(value));
                outcomes[store] = "accepted";
            }
            catch (Exception e)
            {
                outcomes[store] = Probe.IsDocumented(e) ? "refused:" + e.GetType().Name : "escaped:" + e.GetType().FullName;
            }
        }
        outcomes.Values.Distinct().Should().HaveCount(1,
            $"{entryPoint} with {value} must behave alike on every store, but: {string.Join(", ", outcomes.Select(kv => $"{kv.Key}={kv.Value}"))}");
    }
}
