using FiveSocieties.BuildingBlocks.Security;
using Marten;

namespace FiveSocieties.Notifications.Recipients;

/// <summary>Who reads a notification: whose inboxes a signed-in user opens, and in which language they read.</summary>
public static class Readers
{
    /// <summary>Whose inboxes a user reads: their own, and their provider organisation's.</summary>
    public static Guid[] InboxesOf(CurrentUser user) =>
        user.ProviderId is { } provider && user.IsIn(Roles.Provider) ? [user.Id, provider] : [user.Id];

    public static async Task<string> LanguageOf(IQuerySession session, CurrentUser user, CancellationToken ct) =>
        LanguageOf(await session.LoadAsync<Recipient>(user.Id, ct));

    public static string LanguageOf(Recipient? reader) => reader?.EffectivePreferences.Language ?? Preferences.Chinese;
}
