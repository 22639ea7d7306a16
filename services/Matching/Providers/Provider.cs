// A provider (charity, social organisation, canteen, enterprise, community committee) that offers
// resources: its stream, state and decider.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;

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
    // Marten sets Version from the stream after each event.
    public static Provider Create(ProviderRegistered e) => new(
        e.ProviderId, e.Name, e.Kind, e.CreditCode, e.Contact, e.Area, e.RegisteredAt, 1);
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
