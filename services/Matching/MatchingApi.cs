using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.Matching.Directory;
using FiveSocieties.Matching.Engine;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Referrals;

namespace FiveSocieties.Matching;

/// <summary>The Matching service's routes, one capability each.</summary>
public static class MatchingApi
{
    public const string ServiceName = "matching";
    public const int DefaultPort = 5102;

    public static IEndpointRouteBuilder MapMatchingApi(this IEndpointRouteBuilder app)
    {
        app.MapProviders();
        app.MapOffers();
        app.MapCandidates();
        app.MapReferrals();
        app.MapDirectory();
        app.MapOperatorLookup<KnownCase>("/known-cases/{id:guid}", "Case");
        app.MapOperatorLookup<MirroredNeed>("/mirrored-needs/{id:guid}", "Need");
        return app;
    }
}
