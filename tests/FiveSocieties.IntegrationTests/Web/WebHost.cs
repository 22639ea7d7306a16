using System.Net;
using System.Net.Sockets;
using FiveSocieties.IntegrationTests.EndToEnd;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Web;
using FiveSocieties.Web.DemoSignIn;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace FiveSocieties.IntegrationTests.Web;

/// <summary>
/// The Web host in the test process. The services of a <see cref="City"/> run on in-memory test
/// servers, which have no sockets: the host's forwarder and its roster client reach them through
/// <see cref="CityHandler"/>, which hands a request for http://cases.test/… to the Cases test
/// server and so on; any other address goes out over real sockets.
/// </summary>
public sealed class WebHost(IReadOnlyDictionary<string, string> settings, City? city = null, string environment = "Development")
    : WebApplicationFactory<WebSettings>
{
    public string KeysPath { get; } = Path.Combine(Path.GetTempPath(), "fivesoc-web-keys-" + Guid.NewGuid().ToString("N")[..8]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Web:KeysPath", KeysPath);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ObservedForTests("web");
        if (city is null) return;
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IForwarderHttpClientFactory>(new CityForwarderClients(city));
            services.AddHttpClient(DemoRoster.CasesClient).ConfigurePrimaryHttpMessageHandler(() => new CityHandler(city));
            services.AddHttpClient(DemoRoster.VolunteersClient).ConfigurePrimaryHttpMessageHandler(() => new CityHandler(city));
            services.AddHttpClient(DemoRoster.MatchingClient).ConfigurePrimaryHttpMessageHandler(() => new CityHandler(city));
            services.AddHttpClient(FiveSocieties.Web.WeChatBinding.WeChatBindEndpoints.NotificationsClient)
                .ConfigurePrimaryHttpMessageHandler(() => new CityHandler(city));
        });
    }

    /// <summary>
    /// Serves on Kestrel (a real socket on a free port of 127.0.0.1) instead of the in-memory test
    /// server, for a real browser; <see cref="Address"/> then says where. Call before the host starts.
    /// </summary>
    public WebHost OnKestrel()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        return this;
    }

    /// <summary>Where the host listens (started on Kestrel by <see cref="OnKestrel"/>), e.g. http://127.0.0.1:41234.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First());
        }
    }

    /// <summary>A browser: keeps the session cookie, follows no redirect.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(KeysPath)) Directory.Delete(KeysPath, recursive: true);
    }

    /// <summary>Where each service is, as the Web host is told (Web:Services:*); the volunteers' address answers nothing.</summary>
    public static Dictionary<string, string> CityAddresses() => new()
    {
        ["Web:Services:Cases"] = "http://cases.test",
        ["Web:Services:Matching"] = "http://matching.test",
        ["Web:Services:Volunteers"] = $"http://127.0.0.1:{ClosedPort()}",
        ["Web:Services:Notifications"] = "http://notifications.test",
    };

    /// <summary>A loopback port nobody listens on: taken from the system, then let go.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class CityForwarderClients(City city) : IForwarderHttpClientFactory
    {
        public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(new CityHandler(city));
    }
}

/// <summary>Sends a request for http://&lt;service&gt;.test/… to that service's test server; others over the network.</summary>
public sealed class CityHandler(City city) : HttpMessageHandler
{
    private readonly HttpMessageInvoker _network = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

    private readonly Dictionary<string, HttpMessageInvoker> _servers = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (Server(request.RequestUri!.Host) ?? _network).SendAsync(request, cancellationToken);

    /// <summary>One handler per test server, kept: a response being streamed (the inbox) outlives the call that started it.</summary>
    private HttpMessageInvoker? Server(string host)
    {
        lock (_servers)
        {
            if (_servers.TryGetValue(host, out var known)) return known;
            var server = host switch
            {
                "cases.test" => city.Cases.Server,
                "matching.test" => city.Matching.Server,
                "volunteers.test" => city.Volunteers.Server,
                "notifications.test" => city.Notifications.Server,
                _ => null,
            };
            if (server is null) return null;
            return _servers[host] = new HttpMessageInvoker(server.CreateHandler());
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _network.Dispose();
        base.Dispose(disposing);
    }
}
