// A provider (charity, social organisation, canteen, enterprise, community committee) that offers
// resources: its stream, state and decider.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;
using JasperFx.Events;

namespace FiveSocieties.Matching.Providers;

public sealed record ProviderContact(string Name, string Phone, string? Email);

public sealed record RegisterProvider(
    Guid ProviderId, string Name, ProviderKind Kind, string CreditCode, ProviderContact Contact, ServiceArea Area,
    Guid RegisteredBy, DateTimeOffset At);

public sealed record ProviderRegistered(
    Guid ProviderId, string Name, ProviderKind Kind, string CreditCode, ProviderContact Contact, ServiceArea Area,
    Guid RegisteredBy, DateTimeOffset RegisteredAt);

public sealed record Provider(
    Guid Id, string Name, ProviderKind Kind, string CreditCode, ProviderContact Contact, ServiceArea Area,
    DateTimeOffset RegisteredAt, long Version)
{
    public static Provider Create(IEvent<ProviderRegistered> e) => new(
        e.Data.ProviderId, e.Data.Name, e.Data.Kind, e.Data.CreditCode, e.Data.Contact, e.Data.Area, e.Data.RegisteredAt, e.Version);
}

public static class ProviderDecider
{
    public static IReadOnlyList<object> Decide(Provider? state, RegisterProvider command)
    {
        if (state is not null)
        {
            // A client retrying with its own id gets the same provider, not a second one.
            var same = state.Name == command.Name && state.Kind == command.Kind && state.CreditCode == command.CreditCode;
            return same ? [] : throw new DomainRuleViolation("provider.id-taken", $"Provider {command.ProviderId} already exists with other details.");
        }
        return [new ProviderRegistered(command.ProviderId, command.Name, command.Kind, command.CreditCode, command.Contact,
            command.Area, command.RegisteredBy, command.At)];
    }
}
