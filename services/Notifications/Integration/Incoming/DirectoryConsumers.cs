using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Notifications.Recipients;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Notifications.Integration.Incoming;

/// <summary>A registered volunteer enters the directory (their id is their user id). Name and phone are not kept: the inbox needs neither.</summary>
public sealed class VolunteerRegisteredConsumer(IDocumentStore store) : InboxConsumer<V1.VolunteerRegistered>(store)
{
    protected override Task HandleAsync(V1.VolunteerRegistered message, IDocumentSession session, ConsumeContext<V1.VolunteerRegistered> context) =>
        session.DecideAsync<Recipient>(message.VolunteerId,
            state => RecipientDecider.Decide(state, new EnterStaff(message.VolunteerId, RecipientKind.Volunteer, message.StationId)),
            context.CancellationToken);
}

/// <summary>A registered provider gets an inbox shared by its users (and may register webhooks).</summary>
public sealed class ProviderRegisteredConsumer(IDocumentStore store) : InboxConsumer<V1.ProviderRegistered>(store)
{
    protected override Task HandleAsync(V1.ProviderRegistered message, IDocumentSession session, ConsumeContext<V1.ProviderRegistered> context) =>
        session.DecideAsync<Recipient>(message.ProviderId,
            state => RecipientDecider.Decide(state, new EnterProvider(message.ProviderId, message.Name)),
            context.CancellationToken);
}
