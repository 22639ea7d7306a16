using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Notifications.Delivery.WeChat;

/// <summary>PUT /wechat-binding: the openid the official account knows the signed-in person by (from the WeChat sign-in).</summary>
public sealed record WeChatBindingRequest([property: Required] string? OpenId);

public sealed record WeChatBindingView(Guid PersonId, bool Bound, WeChatBindingStatus? Status, string? Problem, DateTimeOffset? BoundAt, long Version);

public static class WeChatBindingEndpoints
{
    public static void MapWeChatBinding(this IEndpointRouteBuilder app)
    {
        app.MapGet("/wechat-binding", GetAsync).RequireRoles(Roles.All.ToArray())
            .WithSummary("Whether the signed-in person is bound to the official account, and whether the platform has refused the binding.");
        app.MapPut("/wechat-binding", PutAsync).RequireRoles(Roles.All.ToArray())
            .WithSummary("Bind the signed-in person's openid (from the WeChat sign-in): urgent alarms then reach them by WeChat before SMS.");
    }

    private static async Task<Ok<WeChatBindingView>> GetAsync(ClaimsPrincipal principal, IQuerySession session, CancellationToken ct)
    {
        var person = CurrentUser.From(principal).Id;
        return TypedResults.Ok(View(person, await session.LoadAsync<WeChatBinding>(person, ct)));
    }

    private static async Task<Ok<WeChatBindingView>> PutAsync(WeChatBindingRequest request, ClaimsPrincipal principal, IDocumentStore store,
        HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var person = CurrentUser.From(principal).Id;
        var validator = new RequestValidator();
        var openId = request.OpenId?.Trim();
        validator.Check(WeChatBindingDecider.IsOpenId(openId), "openId", "must be the openid the WeChat sign-in gave (6–64 letters, digits, - or _).");
        validator.ThrowIfInvalid();
        return await store.DecideOrStartOverHttpAsync<WeChatBinding, Ok<WeChatBindingView>>(person, http,
            state => WeChatBindingDecider.Decide(state, new BindWeChat(person, openId!, time.GetUtcNow())),
            (_, binding) => TypedResults.Ok(View(person, binding)), ct);
    }

    // The openid itself is not shown: it addresses the person on WeChat and nobody reading this needs it.
    private static WeChatBindingView View(Guid person, WeChatBinding? binding) =>
        new(person, binding is { Status: not WeChatBindingStatus.Erased }, binding?.Status, binding?.Problem, binding?.BoundAt, binding?.Version ?? 0);
}
