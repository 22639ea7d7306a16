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

/// <summary>
/// An erased volunteer's phone and e-mail go: from their entry, and from the earlier preference
/// events that carried them (rewritten in the same commit), so that no dump of this service holds them.
/// </summary>
public sealed class VolunteerErasedConsumer(IDocumentStore store) : InboxConsumer<V1.VolunteerErased>(store)
{
    protected override async Task HandleAsync(V1.VolunteerErased message, IDocumentSession session, ConsumeContext<V1.VolunteerErased> context)
    {
        var decision = await session.DecideAsync<Recipient>(message.VolunteerId,
            state => RecipientDecider.Decide(state, new EraseContacts(message.VolunteerId, message.OccurredAt)), context.CancellationToken);
        if (decision.ChangedNothing) return;
        session.QueueSqlCommand(
            $"update \"{session.DocumentStore.Options.Events.DatabaseSchemaName}\".mt_events set data = jsonb_set(data, array['preferences'], (data->'preferences') - 'phone' - 'email' - 'smsRules') " +
            "where stream_id = ? and type = 'preferences_set'", message.VolunteerId);
    }
}

/// <summary>A registered provider gets an inbox shared by its users (and may register webhooks).</summary>
public sealed class ProviderRegisteredConsumer(IDocumentStore store) : InboxConsumer<V1.ProviderRegistered>(store)
{
    protected override Task HandleAsync(V1.ProviderRegistered message, IDocumentSession session, ConsumeContext<V1.ProviderRegistered> context) =>
        session.DecideAsync<Recipient>(message.ProviderId,
            state => RecipientDecider.Decide(state, new EnterProvider(message.ProviderId, message.Name)),
            context.CancellationToken);
}
