using System.Collections.Concurrent;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>Every contract message the probe received, in arrival order.</summary>
public sealed class ReceivedContracts
{
    private readonly ConcurrentQueue<object> _messages = new();
    public void Add(object message) => _messages.Enqueue(message);
    public IReadOnlyList<T> Of<T>() => _messages.OfType<T>().ToList();
}

/// <summary>Records what the Cases service publishes (the contracts another service would consume).</summary>
public sealed class CasesContractsRecorder(ReceivedContracts received) :
    IConsumer<V1.DeliveryRecipientShared>, IConsumer<V1.DeliveryRecipientRevoked>, IConsumer<V1.NeedRaised>,
    IConsumer<V1.NeedFulfilled>, IConsumer<V1.CaseReopened>, IConsumer<V1.VisitOverdue>, IConsumer<V1.HouseholdOpenedByBreakGlass>,
    IConsumer<V1.StationOpened>, IConsumer<V1.StaffJoined>, IConsumer<V1.StaffRoleChanged>, IConsumer<V1.StaffLeft>, IConsumer<V1.UrgentNeedUnmatched>,
    IConsumer<V1.HouseholdSmsContactAllowed>, IConsumer<V1.HouseholdSmsContactEnded>, IConsumer<V1.MealSkipsNoticed>
{
    public Task Consume(ConsumeContext<V1.DeliveryRecipientShared> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.DeliveryRecipientRevoked> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.NeedRaised> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.NeedFulfilled> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.CaseReopened> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.VisitOverdue> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.HouseholdOpenedByBreakGlass> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.StationOpened> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.StaffJoined> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.StaffRoleChanged> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.StaffLeft> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.UrgentNeedUnmatched> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.HouseholdSmsContactAllowed> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.HouseholdSmsContactEnded> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.MealSkipsNoticed> context) => Record(context.Message);

    private Task Record(object message)
    {
        received.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>
/// "The other services" around Cases in one stand-in: it hears what Cases publishes and publishes
/// what Matching and Volunteers would (Referral*, Delivery*, VisitCompleted) into the test's vhost.
/// </summary>
public sealed class ContractProbe : IAsyncDisposable
{
    private readonly IHost _host;
    public ReceivedContracts Received { get; }
    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    private ContractProbe(IHost host, ReceivedContracts received) { _host = host; Received = received; }

    public static async Task<ContractProbe> StartAsync(TestIsolation isolation, string name = "contracts")
    {
        var received = new ReceivedContracts();
        var builder = WorkerHost.CreateBuilder(name, isolation.SettingsFor(name));
        builder.Logging.ToCaptureOnly(name);
        builder.AddMessaging(bus => bus.AddConsumer<CasesContractsRecorder>());
        builder.Services.AddSingleton(received);
        var host = builder.Build();
        await host.StartAndWaitForBusAsync();
        return new ContractProbe(host, received);
    }

    public Task PublishAsync<T>(T message) where T : class => Bus.Publish(message);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync(); else _host.Dispose();
    }
}
