using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using Marten;

namespace FiveSocieties.Matching.Providers;

/// <summary>The one way a provider is registered, from its portal or from an HSDS import.</summary>
public static class ProviderRegistration
{
    /// <summary>
    /// A credit code names one organization: a second provider with it is refused. Organizations
    /// imported without a credit code share the empty one, so only a real code must be unique.
    /// The caller saves the session; a refusal names <paramref name="creditCodeField"/>, where the
    /// caller's request holds the code (a form's field, an import's organization).
    /// </summary>
    public static async Task<Decision> RegisterProviderAsync(
        this IDocumentSession session, RegisterProvider command, string creditCodeField, CancellationToken cancellationToken)
    {
        var holder = command.CreditCode.Length == 0 ? null
            : await session.Query<Provider>()
                .FirstOrDefaultAsync(p => p.CreditCode == command.CreditCode && p.Id != command.ProviderId, cancellationToken);
        if (holder is not null)
            throw new DomainRuleViolation("provider.credit-code-taken", $"Provider {holder.Id} is already registered with this credit code.", creditCodeField);
        return await session.DecideAsync<Provider>(command.ProviderId, state => ProviderDecider.Decide(state, command), cancellationToken);
    }
}
