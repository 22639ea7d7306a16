using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.Matching.NeedsMirror;

namespace FiveSocieties.Matching;

public static class MatchingApi
{
    public const string ServiceName = "matching";
    public const int DefaultPort = 5102;

    public static IEndpointRouteBuilder MapMatchingApi(this IEndpointRouteBuilder app)
    {
        app.MapOperatorLookup<KnownCase>("/known-cases/{id:guid}", "Case");
        app.MapOperatorLookup<MirroredNeed>("/mirrored-needs/{id:guid}", "Need");
        return app;
    }
}
