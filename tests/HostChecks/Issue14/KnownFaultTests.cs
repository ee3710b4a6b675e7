// The rows KnownFaults leaves out of their theories, run by the same checks: skipped with the reason while a fault
// stands; the faults of default ids, default settings, settings text and channel handles are fixed, so they run.
using Xunit;

namespace LiveChat.Issue14.Checks;

public class KnownFaultTests
{
    public static IEnumerable<object[]> ContactDefaultRows() => HostileProbeTests.Rows("default.").Where(KnownFaults.ContactDefault);

    public static IEnumerable<object[]> UncheckedDefaultRows() => HostileProbeTests.Rows("default.").Where(KnownFaults.UncheckedDefault);

    public static IEnumerable<object[]> WorkspaceNameRows() => HostileTextTests.AllRows().Where(KnownFaults.WorkspaceName);

    public static IEnumerable<object[]> ChannelHandleRows() => HostileTextTests.AllRows().Where(KnownFaults.ChannelHandle);

    public static IEnumerable<object[]> DurableStoreRows() => Stores.All().Where(KnownFaults.DurableStore);

    [Theory]
    [MemberData(nameof(ContactDefaultRows))]
    public Task Default_contact_id_is_refused_with_ArgumentException(StoreKind store, string name)
        => new HostileProbeTests().Default_structs_and_nulls_are_refused_with_ArgumentException(store, name);

    [Theory]
    [MemberData(nameof(UncheckedDefaultRows))]
    public Task Default_lead_owner_and_sender_are_refused_with_ArgumentException(StoreKind store, string name)
        => new HostileProbeTests().Default_structs_and_nulls_are_refused_with_ArgumentException(store, name);

    [Theory]
    [MemberData(nameof(WorkspaceNameRows))]
    public Task Hostile_workspace_name_is_refused_cleanly_or_stored_exactly(StoreKind store, string entryPoint, string value)
        => new HostileTextTests().Hostile_text_is_refused_cleanly_or_stored_exactly(store, entryPoint, value);

    [Theory]
    [MemberData(nameof(ChannelHandleRows))]
    public Task Hostile_channel_handle_is_refused_cleanly_or_stored_exactly(StoreKind store, string entryPoint, string value)
        => new HostileTextTests().Hostile_text_is_refused_cleanly_or_stored_exactly(store, entryPoint, value);

    [Theory(Skip = KnownFaults.TokenNotSharedAcrossEngines)]
    [MemberData(nameof(DurableStoreRows))]
    public Task Guard_a_token_stays_valid_for_a_fresh_engine_on_the_same_database(StoreKind store)
        => new PagingTokenTests().Guard_a_token_stays_valid_for_a_fresh_engine_on_the_same_database(store);
}
