using LiveChat.Orleans.PostgreSql;
using Npgsql;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Clusters LiveChat silos and keeps their reminders on PostgreSQL (feature X7, issue 18).</summary>
public static class PostgreSqlSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name Orleans' providers know Npgsql by.</summary>
    private const string Invariant = "Npgsql";

    /// <summary>
    /// Makes this silo find the others, and keep its reminders, in a PostgreSQL database: Orleans' ADO.NET clustering
    /// and reminder providers on our own tables (<c>OrleansQuery</c>, <c>livechat_silo_table_versions</c>,
    /// <c>livechat_silos</c>, <c>livechat_reminders</c>), which the silo creates or updates itself at the first stage
    /// of its start, before anything reads them. Silos that start together on an empty database all come up (the
    /// migration is serialized by an advisory lock and idempotent). The database may be the store's own.
    /// </summary>
    /// <remarks>
    /// This sets only where membership and reminders are kept. The host still configures the cluster's identity and the
    /// silo's address, as with any Orleans clustering provider: the silos of one cluster share a cluster id
    /// (<c>ClusterOptions.ClusterId</c>, the membership rows' key) and a service id (<c>ClusterOptions.ServiceId</c>, the
    /// reminders' key), set with <c>silo.Configure&lt;ClusterOptions&gt;(…)</c>, and each silo needs
    /// <c>silo.ConfigureEndpoints(address, siloPort, gatewayPort)</c>, with ports of its own when several run on one
    /// machine. The store is separate: every server also calls <c>AddLiveChat(…).UsePostgreSql(…)</c>. A silo that stops, or is
    /// declared dead by the others, keeps its row with status Dead until Orleans' defunct-silo clean-up removes it.
    /// The connection runs in UTC whatever the server's time zone, so stored times are unambiguous.
    /// </remarks>
    /// <param name="silo">The silo, as <c>UseOrleans(silo => …)</c> passes it.</param>
    /// <param name="connectionString">An Npgsql connection string of a user allowed to create tables in the database.</param>
    /// <returns>The silo builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="silo"/> or <paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty, blank or not a valid Npgsql connection string.</exception>
    public static ISiloBuilder UseLiveChatPostgreSql(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException("The connection string is not a valid Npgsql connection string.", nameof(connectionString), e);
        }

        var utc = parsed.ConnectionString;
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new OrleansSchemaMigration(utc));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = utc;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = utc;
        });
        return silo;
    }
}
