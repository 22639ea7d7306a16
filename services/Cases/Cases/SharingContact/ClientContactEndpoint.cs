// 转介联系方式: the provider serving a client under a referral reads the client's contact here —
// only while the referral is in progress and a Referral consent names the provider, and every
// such read is on the case's audit stream. Otherwise the provider is told to call the station.
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Cases.Auditing;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Staff;
using FiveSocieties.Cases.Stations;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace FiveSocieties.Cases.Cases.SharingContact;

/// <summary>Which case a referral is for, so a provider who knows only the referral is answered by an index look-up.</summary>
public sealed record CaseOfReferral(Guid Id, Guid CaseId);

public sealed partial class CaseOfReferralProjection : EventProjection
{
    public void Project(IEvent<ReferralReported> e, IDocumentOperations operations) =>
        operations.Store(new CaseOfReferral(e.Data.ReferralId, e.Data.CaseId));
}

/// <summary>The station to call when the contact is not shared.</summary>
public sealed record ContactStation(string Name, string? Phone);

public sealed record ContactCaseworker(string? Name);

/// <summary>
/// Either the client's contact (<see cref="Shared"/>: name, phone, address) or whom to call instead
/// (the station and the caseworker); <see cref="Note"/> says which, in the reader's language.
/// </summary>
public sealed record ClientContact(
    bool Shared, string? Name, string? Phone, string? Address, ContactStation? Station, ContactCaseworker? Caseworker, string Note);

public static class ClientContactEndpoint
{
    /// <summary>What a provider's read of the contact is recorded as on the case's audit stream.</summary>
    public const string ReadPurpose = "referral-contact";

    public static StoreOptions AddClientContact(this StoreOptions store)
    {
        // Inline: a referral is found from the moment Cases heard of it.
        store.Projections.Add<CaseOfReferralProjection>(ProjectionLifecycle.Inline);
        store.Schema.For<CaseOfReferral>();
        store.Schema.For<KnownProvider>();
        return store;
    }

    public static void MapClientContact(this IEndpointRouteBuilder api) =>
        api.MapGet("/referrals/{referralId:guid}/client-contact", GetAsync)
            .RequireRoles(Roles.Provider)
            .Produces<ClientContact>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("(Provider; every read of a shared contact is audited.) The client's name, phone and address while the provider's referral is in progress and a valid Referral consent names the provider (by id, name or credit code); otherwise shared=false with the station and caseworker to call. 404 for a referral that is not the provider's.");

    private static async Task<IResult> GetAsync(
        Guid referralId, ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, HttpContext http, TimeProvider clock,
        TextCatalogues texts, IPersonalKeyStore personalKeys, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var providerId = user.ProviderId ?? throw new RecordNotFound("Referral", referralId);
        var link = await session.LoadAsync<CaseOfReferral>(referralId, cancellationToken) ?? throw new RecordNotFound("Referral", referralId);
        var state = await session.LoadAsync<Case>(link.CaseId, cancellationToken) ?? throw new RecordNotFound("Referral", referralId);
        var provider = await session.LoadAsync<KnownProvider>(providerId, cancellationToken);
        var now = clock.GetUtcNow();
        var (_, shared) = ReferralContact.For(state, referralId, providerId, provider, now) ?? throw new RecordNotFound("Referral", referralId);
        var language = http.AnswerInReaderLanguage();

        if (shared && state.Client is { } client
            && await ClientDirectory.OpenAsync(session, personalKeys, client.HouseholdId, client.MemberId, cancellationToken) is { Details: { } details } opened)
        {
            // Recorded before anything is returned, as every read of a case file is.
            await CaseFileAccess.AppendAsync(store, CaseFileAccess.AuditStreamOf(state.Id), at =>
                [new CaseFileRead(state.Id, state.StationId, user.Id, user.RoleCodes, null, ReadPurpose, null, at)],
                clock, cancellationToken);
            http.Response.ShowedPersonalData();
            return TypedResults.Ok(new ClientContact(true, details.Name, details.Phone, opened.Home?.Address, null, null,
                texts.Say("client-contact.shared", "Shared with your organisation under the client's consent; every read is recorded.", language)));
        }

        var station = await session.LoadAsync<Station>(state.StationId, cancellationToken);
        var caseworker = await session.LoadAsync<StaffMember>(StaffMember.StreamId(state.CaseworkerId), cancellationToken);
        var stationName = station?.Name ?? "";
        var note = caseworker?.Name is { Length: > 0 } name
            ? texts.Say("client-contact.call-station", $"Not shared: call the station {stationName} and ask for caseworker {name}.", language)
            : texts.Say("client-contact.call-station.no-caseworker", $"Not shared: call the station {stationName}.", language);
        return TypedResults.Ok(new ClientContact(false, null, null, null, new ContactStation(stationName, null),
            new ContactCaseworker(caseworker?.Name), note));
    }
}
