using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Matching.NeedsMirror;
using Marten;

namespace FiveSocieties.Matching.Engine;

public sealed record CandidateView(Guid OfferId, Guid ProviderId, string ProviderName, string Title, int FreeCapacity, double Score,
    IReadOnlyList<ReasonView> Reasons, bool AlreadyTried);

/// <summary>One reason a candidate fits: a stable code ("distance", "capacity") and its sentence in the reader's language.</summary>
public sealed record ReasonView(string Code, string Text);

/// <summary>An offer a hard rule (its stable code) excluded, and why, in the reader's language.</summary>
public sealed record ExclusionView(Guid OfferId, string Rule, string Reason);

public sealed record CandidatesView(Guid NeedId, string Status, Guid? ActiveReferralId, IReadOnlyList<CandidateView> Candidates,
    IReadOnlyList<ExclusionView> Excluded);

/// <summary>GET /needs/{needId}/candidates: the ranking for a need with every candidate's reasons, and why others were excluded.</summary>
public static class CandidatesEndpoint
{
    public static void MapCandidates(this IEndpointRouteBuilder api) =>
        api.MapGet("/needs/{needId:guid}/candidates", async (Guid needId, int? limit, ClaimsPrincipal principal, IQuerySession session,
                MatchingIndex index, TimeProvider clock, TextCatalogues texts, HttpContext http, CancellationToken ct) =>
            {
                var need = await session.LoadAsync<MirroredNeed>(needId, ct) ?? throw new RecordNotFound("Need", needId);
                CurrentUser.From(principal).EnsureCanSee(need.StationId, "Need", needId);
                var language = http.AnswerInReaderLanguage();
                ReasonView Say(MatchReason reason) => new(reason.Code, texts.Say("reason." + reason.Code, reason.Text, language));
                var excluded = new List<Exclusion>();
                var ranked = index.RankOffersFor(need.Profile(), clock.GetUtcNow(), Math.Clamp(limit ?? 10, 1, 100), excluded);
                var candidates = ranked.Select(c => index.Offer(c.OfferId) is { } o
                    ? new CandidateView(c.OfferId, c.ProviderId, o.ProviderName, o.Title, o.FreeCapacity, c.Score,
                        c.Reasons.Select(Say).ToList(), need.TriedOffers.Contains(c.OfferId))
                    : null).OfType<CandidateView>().ToList();
                return TypedResults.Ok(new CandidatesView(needId, need.Status.ToString(), need.ActiveReferralId, candidates,
                    excluded.Take(50).Select(e => new ExclusionView(e.OfferId, e.Rule,
                        (language == ReaderLanguage.En ? $"{e.OfferTitle}: " : $"{e.OfferTitle}：") + Say(e.Reason).Text)).ToList()));
            })
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin)
            .WithSummary("The offers that fit a need, best first, each with its reasons; and the rule that excluded each other offer.");
}
