using System.Net.Http.Headers;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Households.Registering;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>
/// The Cases service on a clock the test moves, with a stand-in for the services around it: it
/// hears what Cases publishes and publishes what Matching and Volunteers would.
/// </summary>
public sealed class CasesWithNeighbours : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public TestIsolation Isolation { get; } = new();
    public ServiceHost<Case> Host { get; private set; } = null!;
    public ContractProbe Neighbours { get; private set; } = null!;
    public Guid Station { get; } = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        Neighbours = await ContractProbe.StartAsync(Isolation);
        Host = await new ServiceHost<Case>("cases", Isolation, services => services.AddSingleton<TimeProvider>(Clock)).StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Neighbours is not null) await Neighbours.DisposeAsync();
        await Isolation.DisposeAsync();
    }

    /// <summary>Tokens outlive the days the clock is moved; staff of the fixture's station unless another is named.</summary>
    public HttpClient ClientAs(string role, Guid? userId = null, Guid? station = null)
    {
        var client = Host.CreateClient();
        var token = DevelopmentTokens.Mint(new AuthSettings(), userId ?? Guid.NewGuid(), [role], station ?? Station, lifetime: TimeSpan.FromDays(60));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string IdNumber(int serial) => ResidentIdNumber.WithCheckDigit($"14022219450312{serial % 1000:D3}");

    /// <summary>Ms Sun (81, lives alone) in 天镇县, registered with her household; returns (household, member).</summary>
    public async Task<(Guid Household, Guid Member)> RegisterClientAsync(
        HttpClient client, string name = "孙秀英", string birthDate = "1945-03-12", string? idNumber = null, string address = "南河堡村三组12号",
        double latitude = 40.4213, double longitude = 114.0917, string grid = "NHB-03")
    {
        var memberId = Guid.NewGuid();
        var registered = await Json(await client.PostAsJsonAsync("/households", new
        {
            address,
            location = new { district = "天镇县", township = "南河堡乡", community = "南河堡村", grid, latitude, longitude },
            members = new[] { new { memberId, name, relationToHead = "Self", gender = "Female", birthDate, idNumber, phone = "13800001234" } },
        }));
        return (registered.GetProperty("householdId").GetGuid(), memberId);
    }

    /// <summary>A case for a registered client; returns the case id.</summary>
    public async Task<Guid> OpenCaseForAsync(HttpClient client, Guid household, Guid member, string group = "Elderly", string grid = "NHB-03")
    {
        var caseId = Guid.NewGuid();
        (await client.PostAsJsonAsync("/cases", new
        {
            caseId,
            stationId = Station,
            clientGroup = group,
            categories = group == "Elderly" ? new[] { "LivesAlone" } : new[] { "LeftBehind" },
            location = new { district = "天镇县", township = "南河堡乡", grid },
            client = new { householdId = household, memberId = member },
        })).EnsureSuccessStatusCode();
        return caseId;
    }
}
