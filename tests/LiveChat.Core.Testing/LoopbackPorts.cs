using System.Net;
using System.Net.Sockets;

namespace LiveChat.Core.Testing;

/// <summary>Free TCP ports of 127.0.0.1 for servers a test or a load driver starts (silos, web servers).</summary>
/// <remarks>A port is free when asked; another process may take it before the server binds it.</remarks>
public static class LoopbackPorts
{
    /// <summary>One free port, as the operating system hands it out.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The first of <paramref name="count"/> consecutive free ports, from a random start or after <paramref name="after"/>.</summary>
    public static int Consecutive(int count, int? after = null)
    {
        for (var first = after ?? Random.Shared.Next(20_000, 40_000); ; first += count)
        {
            var listeners = new List<TcpListener>();
            try
            {
                for (var port = first; port < first + count; port++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    listeners.Add(listener);
                }

                return first;
            }
            catch (SocketException)
            {
                // Taken: try the next range.
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }
    }
}
