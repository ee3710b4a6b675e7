// One silo of a LiveChat cluster in its own process: the engine co-hosted with an Orleans silo (UseOrleans), the store
// on PostgreSQL, e-mail over SMTP. Usage:
//   LiveChat.Orleans.SiloHost --postgres "<connection string>" --cluster-id ID --silo-port P --gateway-port G
//       --primary-port PP [--clustering localhost|postgres] [--smtp-port S] [--offer-timeout SECONDS]
//       [--presence-timeout SECONDS] [--requeue-after SECONDS] [--unread-delay SECONDS]
// It prints "READY <silo address>" once the silo joined, then runs the commands it reads on stdin (see ControlChannel).
// Every acknowledgement is printed on stdout only after the call returned (so after it committed); logs go to stderr.
using LiveChat.Core;
using LiveChat.Core.Routing;
using LiveChat.Email.MailKit;
using LiveChat.Orleans.SiloHost;
using LiveChat.Storage.HostDriver;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

SiloHostSettings settings;
try
{
    settings = SiloHostSettings.FromArgs(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: LiveChat.Orleans.SiloHost --postgres CS --cluster-id ID --silo-port P --gateway-port G --primary-port PP [--clustering localhost|postgres] [--smtp-port S] [--offer-timeout S] [--presence-timeout S] [--requeue-after S] [--unread-delay S]");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
var chat = builder.Services.AddLiveChat(o =>
    {
        o.Routing.PresenceTimeout = settings.PresenceTimeout;
        o.Routing.RequeueAfter = settings.RequeueAfter;
        o.Email.UnreadDelay = settings.UnreadDelay;
        if (settings.OfferTimeout is { } lease)
        {
            o.Routing.Mode = RoutingMode.Offer;
            o.Routing.OfferTimeout = lease;
        }
    })
    .UsePostgreSql(settings.Postgres)
    .UseOrleans(silo => Clustering.Configure(silo, settings));
if (settings.SmtpPort > 0)
{
    chat.UseSmtp(o =>
    {
        o.Host = "127.0.0.1";
        o.Port = settings.SmtpPort;
        o.Security = SmtpSecurity.None;
    });
}

using var host = builder.Build();
await host.StartAsync();
var control = new ControlChannel(host.Services);
await using (control.ReportEvents())
{
    Acknowledgements.Write($"READY {control.SiloAddress}");
    await control.RunAsync(Console.In);
    await control.DisposeAsync();
}

await host.StopAsync();
return 0;
