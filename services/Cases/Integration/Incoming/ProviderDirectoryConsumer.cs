using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Cases.Cases;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Integration.Incoming;

/// <summary>
/// A provider registered in Matching becomes known to Cases by id, name and credit code: a
/// Referral consent names organisations in words, and these tell which provider it names.
/// </summary>
public sealed class ProviderRegisteredConsumer(IDocumentStore store) : InboxConsumer<V1.ProviderRegistered>(store)
{
    protected override Task HandleAsync(V1.ProviderRegistered message, IDocumentSession session, ConsumeContext<V1.ProviderRegistered> context)
    {
        session.Store(new KnownProvider(message.ProviderId, message.Name, message.CreditCode, message.Kind, message.OccurredAt));
        return Task.CompletedTask;
    }
}
