using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Notifications.Rules;
using Marten;

namespace FiveSocieties.Notifications.Recipients;

/// <summary>A resolved recipient: whose inbox, what kind, how they want to hear.</summary>
public sealed record ResolvedRecipient(Guid Id, RecipientKind Kind, Preferences Preferences);

/// <summary>Turns a rule's audience into people, from the directory (inline documents, so current at commit).</summary>
public static class RecipientDirectory
{
    public static async Task<IReadOnlyList<ResolvedRecipient>> ResolveAsync(IQuerySession session, Audience audience, CancellationToken ct)
    {
        switch (audience)
        {
            case Audience.User user:
                var known = await session.LoadAsync<Recipient>(user.UserId, ct);
                return [new ResolvedRecipient(user.UserId, known?.Kind ?? user.Kind, known?.EffectivePreferences ?? Preferences.Default)];
            case Audience.Provider provider:
                var entry = await session.LoadAsync<Recipient>(provider.ProviderId, ct);
                return [new ResolvedRecipient(provider.ProviderId, RecipientKind.Provider, entry?.EffectivePreferences ?? Preferences.Default)];
            case Audience.CaseworkerOf ofCase:
                var caseworkers = await session.Query<Recipient>().Where(r => r.CaseIds.Contains(ofCase.CaseId)).ToListAsync(ct);
                // CaseOpened may still be on its way (the bus does not order across publishers): retry.
                if (caseworkers.Count == 0) throw new NotYetKnown($"No caseworker known yet for case {ofCase.CaseId}.");
                return caseworkers.Select(c => new ResolvedRecipient(c.Id, RecipientKind.Caseworker, c.EffectivePreferences)).ToList();
            case Audience.SupervisorsOf station:
                var supervisors = await session.Query<Recipient>()
                    .Where(r => r.Kind == RecipientKind.Supervisor && r.StationId == station.StationId).ToListAsync(ct);
                return supervisors.Select(s => new ResolvedRecipient(s.Id, RecipientKind.Supervisor, s.EffectivePreferences)).ToList();
            default:
                throw new ArgumentOutOfRangeException(nameof(audience), audience, null);
        }
    }
}
