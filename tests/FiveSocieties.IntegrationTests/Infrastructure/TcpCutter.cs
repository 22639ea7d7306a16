using System.Net;
using System.Net.Sockets;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP forwarder between one service under test and a real server (PostgreSQL, RabbitMQ) that the
/// test can cut and restore, as a failing server or network would: while cut, every open connection
/// is reset and new ones are refused. The server itself stays up for every other test of the run.
/// </summary>
public sealed class TcpCutter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Client, TcpClient Server)> _open = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    private TcpCutter(DnsEndPoint server)
    {
        _server = server;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public static TcpCutter To(string host, int port) => new(new DnsEndPoint(host, port));

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var (client, server) in _open) { Reset(client); Reset(server); }
            _open.Clear();
        }
    }

    public void Restore() => _cut = false;

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            if (_cut) Reset(client);
            else _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_server.Host, _server.Port, _stop.Token);
            lock (_open) _open.Add((client, server));
            using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            await Task.WhenAny(client.GetStream().CopyToAsync(server.GetStream(), both.Token), server.GetStream().CopyToAsync(client.GetStream(), both.Token));
            await both.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // A cut, or either side went away: both ends are closed below.
        }
        finally
        {
            lock (_open) _open.RemoveAll(pair => pair.Client == client);
            Reset(client);
            Reset(server);
        }
    }

    /// <summary>Closes with a reset (no lingering), as a dropped connection looks to the other side.</summary>
    private static void Reset(TcpClient connection)
    {
        try
        {
            if (connection.Client is { Connected: true } socket) socket.LingerState = new LingerOption(true, 0);
        }
        catch (ObjectDisposedException) { }
        connection.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
