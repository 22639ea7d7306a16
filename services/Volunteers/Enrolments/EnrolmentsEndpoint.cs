using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.Enrolments;

public sealed record EnrolmentView(
    Guid CaseId, Guid StationId, EnrolmentStatus Status, string? ProviderName, Position? Canteen, IReadOnlyList<DayOfWeek> Days,
    TimeOnly WindowFrom, TimeOnly WindowTo, bool LivesAlone, DateTimeOffset? ConsentValidUntil, EnrolmentEndCause? EndCause,
    RecipientDetails? Recipient)
{
    /// <summary>Until when the household may be texted (the evening-before question); null when it has not agreed to be.</summary>
    public DateTimeOffset? SmsContactUntil { get; init; }
}

public static class EnrolmentsEndpoint
{
    public static void MapEnrolments(this IEndpointRouteBuilder api) =>
        api.MapGet("/enrolments", ListAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .WithSummary("The station's meal enrolments (助餐), with the recipients' details while consent is valid; each recipient shown is audited.");

    private static async Task<Ok<IEnumerable<EnrolmentView>>> ListAsync(
        Guid? stationId, EnrolmentStatus? status, ClaimsPrincipal principal, IDocumentSession session, IPersonalKeyStore personalKeys, TimeProvider clock,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var station = user.StationToRead(stationId);
        var enrolments = await session.Query<MealEnrolment>()
            .Where(e => e.StationId == station)
            .Where(e => status == null || e.Status == status)
            .ToListAsync(cancellationToken);
        var keys = await RecipientVault.KeysAsync(personalKeys, enrolments.Select(e => e.CaseId), cancellationToken);
        var now = clock.GetUtcNow();
        var views = enrolments.OrderBy(e => e.CaseId).Select(e => new EnrolmentView(e.CaseId, e.StationId, e.Status, e.ProviderName,
            e.Canteen, e.Days, e.WindowFrom, e.WindowTo, e.LivesAlone, e.ValidUntil, e.EndCause,
            RecipientVault.Open(keys.GetValueOrDefault(e.CaseId), e.SealedDetails))
        {
            SmsContactUntil = e.SmsContact.Count == 0 ? null : e.SmsContact.Max(g => g.ValidUntil),
        }).ToList();
        // Recorded before anything is returned, one read per recipient shown, as on a volunteer's task.
        var shown = views.Where(v => v.Recipient is not null)
            .Select(v => new RecipientDetailsRead(v.CaseId, v.StationId, Guid.Empty, Guid.Empty, user.Id, user.RoleCodes, now, RecipientDetailsRead.OnEnrolments))
            .ToList();
        await session.RecordShownAsync(response, shown, cancellationToken);
        return TypedResults.Ok<IEnumerable<EnrolmentView>>(views);
    }
}
