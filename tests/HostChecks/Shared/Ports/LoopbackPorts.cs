using System.Net;
using System.Net.Sockets;

namespace LiveChat.HostChecks;

/// <summary>The host checks' one picker of loopback ports for silos and gateways (Issue18, Issue18b).</summary>
internal static class LoopbackPorts
{
    /// <summary>
    /// A free port drawn at random below Linux's own range (32768 and up): a port the system handed out for a moment
    /// goes back to that range, where another connection can take it before the silo binds it.
    /// </summary>
    public static int Free()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_768);
            var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return port;
            }
            catch (SocketException) when (attempt < 1_000)
            {
                // Taken: draw again.
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
