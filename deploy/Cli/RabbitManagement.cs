using System.Net.Http.Headers;
using System.Text;
using FiveSocieties.BuildingBlocks.Configuration;

namespace FiveSocieties.Cli;

/// <summary>RabbitMQ's management API, as the broker's own user: where it is, and a client for it (the CLI, the benchmarks and the tests).</summary>
public static class RabbitManagement
{
    public static Uri Address => new(Environment.GetEnvironmentVariable("FIVESOC_RABBIT_MANAGEMENT") ?? "http://127.0.0.1:55680/");

    public static Uri Broker => new(Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMq") ?? LocalDefaults.RabbitMq);

    /// <summary>A client for <paramref name="address"/> (by default <see cref="Address"/>) signed in as <paramref name="broker"/>'s user.</summary>
    public static HttpClient Client(Uri? address = null, Uri? broker = null, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = address ?? Address, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        var user = Uri.UnescapeDataString((broker ?? Broker).UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)));
        return http;
    }
}
