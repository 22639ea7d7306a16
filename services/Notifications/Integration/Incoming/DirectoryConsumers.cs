using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Notifications.Delivery.WeChat;
using FiveSocieties.Notifications.Recipients;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Notifications.Integration.Incoming;

/// <summary>
/// A registered volunteer enters the directory (their id is their user id). Name and phone are not
/// kept: the inbox needs neither. By group commit, like a registered provider.
/// </summary>
public sealed class VolunteerRegisteredConsumer(IDocumentStore store) : InboxConsumer<V1.VolunteerRegistered>(store)
{
    protected override bool CommitsByGroup => true;
    protected override IEnumerable<Guid> StreamsOf(V1.VolunteerRegistered message) => [message.VolunteerId];

    protected override Task HandleAsync(V1.VolunteerRegistered message, IDocumentSession session, ConsumeContext<V1.VolunteerRegistered> context) =>
        session.DecideAsync<Recipient>(message.VolunteerId,
            state => RecipientDecider.Decide(state, new EnterStaff(message.VolunteerId, RecipientKind.Volunteer, message.StationId)),
            context.CancellationToken);
}

/// <summary>
/// An erased volunteer's phone, e-mail and WeChat openid go: from their entry and their binding,
/// and from the earlier events that carried them (rewritten in the same commit), so that no dump
/// of this service holds them.
/// </summary>
public sealed class VolunteerErasedConsumer(IDocumentStore store) : InboxConsumer<V1.VolunteerErased>(store)
{
    protected override async Task HandleAsync(V1.VolunteerErased message, IDocumentSession session, ConsumeContext<V1.VolunteerErased> context)
    {
        // The person's entry and their binding are two views of one stream: decided together, in one decision.
        var binding = await session.LoadAsync<WeChatBinding>(message.VolunteerId, context.CancellationToken);
        var forgetBinding = WeChatBindingDecider.Decide(binding, new EraseWeChatBinding(message.VolunteerId, message.OccurredAt));
        var decision = await session.DecideAsync<Recipient>(message.VolunteerId,
            state => [.. RecipientDecider.Decide(state, new EraseContacts(message.VolunteerId, message.OccurredAt)), .. forgetBinding],
            context.CancellationToken);
        var events = $"\"{session.DocumentStore.Options.Events.DatabaseSchemaName}\".mt_events";
        if (decision.Events.OfType<RecipientContactsErased>().Any())
            session.QueueSqlCommand(
                $"update {events} set data = jsonb_set(data, array['preferences'], (data->'preferences') - 'phone' - 'email' - 'smsRules') " +
                "where stream_id = ? and type = 'preferences_set'", message.VolunteerId);
        if (decision.Events.OfType<WeChatBindingErased>().Any())
            session.QueueSqlCommand(
                $"update {events} set data = jsonb_set(data, array['openId'], '\"\"'::jsonb) " +
                "where stream_id = ? and type in ('we_chat_bound', 'we_chat_binding_refused')", message.VolunteerId);
    }
}

/// <summary>A registered provider gets an inbox shared by its users (and may register webhooks).</summary>
public sealed class ProviderRegisteredConsumer(IDocumentStore store) : InboxConsumer<V1.ProviderRegistered>(store)
{
    protected override bool CommitsByGroup => true;
    protected override IEnumerable<Guid> StreamsOf(V1.ProviderRegistered message) => [message.ProviderId];

    protected override Task HandleAsync(V1.ProviderRegistered message, IDocumentSession session, ConsumeContext<V1.ProviderRegistered> context) =>
        session.DecideAsync<Recipient>(message.ProviderId,
            state => RecipientDecider.Decide(state, new EnterProvider(message.ProviderId, message.Name)),
            context.CancellationToken);
}
