// Crypto-shredding (DESIGN §6): the recipient's details are stored only sealed with a key of
// their own, kept in the key store (BuildingBlocks/Privacy/KeyStore.cs) apart from this service's
// database; deleting the key leaves no readable trace in the event streams, which Marten cannot
// rewrite.
using FiveSocieties.BuildingBlocks.Privacy;

namespace FiveSocieties.Volunteers.Enrolments;

/// <summary>What a volunteer needs to bring a meal. Personal data: only ever stored sealed.</summary>
public sealed record RecipientDetails(string Name, string Address, string Phone, string? DietaryNotes, Position? Position);

/// <summary>The recipient's details sealed with the case's key (in the key store, under this service).</summary>
public static class RecipientVault
{
    /// <summary>The details sealed with the case's key, made when it has none; null when the client was erased.</summary>
    public static async Task<string?> SealAsync(IPersonalKeyStore keys, Guid caseId, RecipientDetails details, CancellationToken cancellationToken) =>
        await keys.GetOrCreateAsync(caseId, cancellationToken) is { } key ? Seal(key, details) : null;

    public static string Seal(SubjectKey key, RecipientDetails details) => PersonalData.SealJson(key, details);

    /// <summary>The details, or null when there are none or their key was shredded.</summary>
    public static RecipientDetails? Open(SubjectKey? key, string? sealedDetails) =>
        PersonalData.OpenJson<RecipientDetails>(key, sealedDetails is null || sealedDetails.StartsWith(PersonalData.Prefix, StringComparison.Ordinal)
            ? sealedDetails
            : PersonalData.Prefix + sealedDetails); // sealed before this service used the shared format: the same bytes, unmarked

    public static Task<IReadOnlyDictionary<Guid, SubjectKey>> KeysAsync(IPersonalKeyStore keys, IEnumerable<Guid> caseIds, CancellationToken cancellationToken) =>
        keys.FindAsync(caseIds.Distinct().ToList(), cancellationToken);

    /// <summary>
    /// Deletes the case's key, before the caller commits the end it records: were that commit to
    /// fail, the message or request is tried again, and meanwhile nothing can be read.
    /// </summary>
    public static Task ShredAsync(IPersonalKeyStore keys, Guid caseId, CancellationToken cancellationToken) =>
        keys.DeleteAsync([caseId], cancellationToken);
}
