using Orleans.Configuration;
using Orleans.Hosting;

namespace LiveChat.Orleans.Testing;

/// <summary>
/// The one source of the failure-detection tuning every test silo uses: the silo processes of the multi-process tests
/// (this project) and the in-process test clusters (<c>LiveChat.Orleans.Tests</c>, which links this file). A silo that
/// stops answering is declared dead in about 2 s instead of the default's ~8 s; docs/scale-out.md gives the production
/// values.
/// </summary>
internal static class TestFailureDetection
{
    /// <summary>Probe timeout 1 s, 2 missed probes, 1 vote to declare a silo dead.</summary>
    public static ISiloBuilder Apply(ISiloBuilder silo) => silo.Configure<ClusterMembershipOptions>(o =>
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
    });
}
