using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Notifications.Recipients;
using Marten;
using Marten.Services.BatchQuerying;

namespace FiveSocieties.Notifications.Rules;

/// <summary>A resolved recipient: whose inbox, what kind, how they want to hear.</summary>
public sealed record ResolvedRecipient(Guid Id, RecipientKind Kind, Preferences Preferences);

/// <summary>Turns rules' audiences into people, from the directory (inline documents, so current at commit).</summary>
public static class RecipientDirectory
{
    /// <summary>All audiences in one batch query (one round trip; a second when a case's caseworker must be looked up).</summary>
    public static async Task<IReadOnlyList<(NotificationIntent Intent, IReadOnlyList<ResolvedRecipient> Recipients)>> ResolveAsync(
        IQuerySession session, IReadOnlyList<NotificationIntent> intents, CancellationToken ct)
    {
        if (intents.Count == 0) return [];
        var batch = session.CreateBatchQuery();
        var resolve = Queue(batch, intents);
        await batch.Execute(ct);
        return await resolve(session, ct);
    }

    /// <summary>Whom an audience names outright (a user, a provider organisation), known without the directory; otherwise null.</summary>
    public static Guid? NamedRecipient(Audience audience) => audience switch
    {
        Audience.User user => user.UserId,
        Audience.Provider provider => provider.ProviderId,
        _ => null,
    };

    /// <summary>
    /// Queues the look-ups in a caller's batch query, so they can share its round trip; what it
    /// returns resolves the audiences once the batch has run.
    /// </summary>
    public static Func<IQuerySession, CancellationToken, Task<IReadOnlyList<(NotificationIntent Intent, IReadOnlyList<ResolvedRecipient> Recipients)>>>
        Queue(IBatchedQuery batch, IReadOnlyList<NotificationIntent> intents)
    {
        var lookups = intents.Select(intent => intent.To switch
        {
            Audience.User user => new Lookup(intent, batch.Load<Recipient>(user.UserId), null, null),
            Audience.Provider provider => new Lookup(intent, batch.Load<Recipient>(provider.ProviderId), null, null),
            Audience.CaseworkerOf ofCase => new Lookup(intent, null, null, batch.Load<CaseResponsibility>(ofCase.CaseId)),
            Audience.SupervisorsOf station => new Lookup(intent, null, batch.Query<Recipient>()
                .Where(r => r.Kind == RecipientKind.Supervisor && r.StationId == station.StationId).ToList(), null),
            Audience.CoordinatorsOf station => new Lookup(intent, null, batch.Query<Recipient>()
                .Where(r => r.Kind == RecipientKind.Coordinator && r.StationId == station.StationId).ToList(), null),
            _ => throw new ArgumentOutOfRangeException(nameof(intents), intent.To, null),
        }).ToList();
        return (session, ct) => ResolveAsync(session, lookups, ct);
    }

    private static async Task<IReadOnlyList<(NotificationIntent Intent, IReadOnlyList<ResolvedRecipient> Recipients)>> ResolveAsync(
        IQuerySession session, IReadOnlyList<Lookup> lookups, CancellationToken ct)
    {
        // A case's caseworker is known only now: all of them in one more round trip, not one per event.
        var caseworkerIds = new List<Guid>();
        foreach (var lookup in lookups.Where(l => l.Responsibility is not null))
            if (await lookup.Responsibility! is { } known) caseworkerIds.Add(known.CaseworkerId);
        var caseworkers = caseworkerIds.Count == 0
            ? new Dictionary<Guid, Recipient>()
            : (await session.LoadManyAsync<Recipient>(ct, caseworkerIds.Distinct())).ToDictionary(r => r.Id);

        var resolved = new List<(NotificationIntent, IReadOnlyList<ResolvedRecipient>)>();
        foreach (var (intent, one, many, responsibility) in lookups)
        {
            var entry = one is null ? null : await one;
            if (responsibility is not null)
            {
                // CaseOpened may still be on its way (the bus does not order across publishers): retry.
                var answerable = await responsibility
                    ?? throw new NotYetKnown($"No caseworker known yet for case {((Audience.CaseworkerOf)intent.To).CaseId}.");
                resolved.Add((intent, [new ResolvedRecipient(answerable.CaseworkerId, RecipientKind.Caseworker,
                    caseworkers.GetValueOrDefault(answerable.CaseworkerId)?.EffectivePreferences ?? Preferences.Default)]));
                continue;
            }
            IReadOnlyList<ResolvedRecipient> recipients = intent.To switch
            {
                Audience.User user => [new ResolvedRecipient(user.UserId, entry?.Kind ?? user.Kind, entry?.EffectivePreferences ?? Preferences.Default)],
                Audience.Provider provider => [new ResolvedRecipient(provider.ProviderId, RecipientKind.Provider,
                    entry?.EffectivePreferences ?? Preferences.Default)],
                _ => (await many!).Select(r => new ResolvedRecipient(r.Id, r.Kind, r.EffectivePreferences)).ToList(),
            };
            resolved.Add((intent, recipients));
        }
        return resolved;
    }

    private sealed record Lookup(
        NotificationIntent Intent, Task<Recipient?>? One, Task<IReadOnlyList<Recipient>>? Many, Task<CaseResponsibility?>? Responsibility);

    public static async Task<IReadOnlyList<ResolvedRecipient>> ResolveAsync(IQuerySession session, Audience audience, CancellationToken ct) =>
        (await ResolveAsync(session, [new NotificationIntent("", audience, default, default, Guid.Empty, null, null,
            new Dictionary<string, string>())], ct))[0].Recipients;
}
