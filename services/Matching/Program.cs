using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Matching;
using FiveSocieties.Matching.Directory;
using FiveSocieties.Matching.Engine;
using FiveSocieties.Matching.Integration.Incoming;
using FiveSocieties.Matching.Integration.Outgoing;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Referrals;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.DependencyInjection.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(MatchingApi.ServiceName, MatchingApi.DefaultPort);
builder.Services.AddTextCatalogue(FiveSocieties.Matching.MatchingTexts.Catalogue);
builder.AddEventStore(store => store.AddMatchingStore())
    .AddIntegrationEventRelay<MatchingIntegrationEvents>(builder.Configuration);
// The container builds the index (it needs the stations' calendar); the store tells it of every commit.
builder.Services.ConfigureMarten((services, store) => store.Listeners.Add(new IndexFollower(services.GetRequiredService<MatchingIndex>())));

var deadlines = builder.Configuration.GetSection("Matching:Referrals").Get<ReferralDeadlines>() ?? new();
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton<MatchingIndex>();
builder.Services.AddSingleton(deadlines);
builder.Services.AddSingleton<ReferralProcess>();
// Rebuilt before the bus starts consuming, so the first NeedRaised already sees every offer.
builder.Services.AddHostedService<IndexLoader>();
builder.Services.AddPeriodicSweep<ReferralDeadlineSweep>(deadlines.SweepInterval);
builder.Services.AddPeriodicSweep<OfferExpirySweep>(deadlines.SweepInterval);

builder.AddMessaging(bus =>
{
    bus.AddConsumer<CaseOpenedConsumer>();
    bus.AddConsumer<CaseworkerAssignedConsumer>();
    bus.AddConsumer<CaseClosedConsumer>();
    bus.AddConsumer<CaseReopenedConsumer>();
    bus.AddConsumer<NeedRaisedConsumer>();
    bus.AddConsumer<NeedWithdrawnConsumer>();
    bus.AddConsumer<NeedFulfilledConsumer>();
});

var app = builder.Build();
app.MapServiceDefaults();
app.MapMatchingApi();
app.Run();
