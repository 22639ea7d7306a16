using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.WeChat;
using FiveSocieties.ChannelStandIns.WeChat;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace FiveSocieties.IntegrationTests.Channels;

/// <summary>
/// The WeChat stand-in speaks the official account's API to the real client: it issues access
/// tokens only for the right app id and secret, refuses a token it did not issue or has ended,
/// keeps the notifications it received, refuses a follower or a template when told to, and runs
/// the web OAuth sign-in (a one-time code for the follower's openid).
/// </summary>
public sealed class WeChatStandInTests : IAsyncLifetime
{
    private ChannelStandInHost _standIn = null!;

    public async Task InitializeAsync() => _standIn = await ChannelStandInHost.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    private WeChatClient Client(string secret = ChannelStandInHost.WeChatAppSecret) => new(new HttpClient(), new WeChatSettings
    {
        Enabled = true, Endpoint = _standIn.Address.ToString(), AppId = ChannelStandInHost.WeChatAppId, AppSecret = secret,
        Retries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1),
    }, TimeProvider.System, NullLogger<WeChatClient>.Instance);

    private static WeChatSubscribeMessage Message(string openId, string template = "tpl-urgent") =>
        new(openId, template, null, new Dictionary<string, string> { ["thing1"] = "独居服务对象送餐未送达", ["time2"] = "12月7日" });

    [Fact]
    public async Task Notifications_are_accepted_and_kept_with_their_zh_CN_values_on_one_token()
    {
        var client = Client();
        (await client.SendAsync(Message("o-worker-1"), CancellationToken.None)).Accepted.ShouldBeTrue();
        (await client.SendAsync(Message("o-worker-1"), CancellationToken.None)).Accepted.ShouldBeTrue();

        var kept = await _standIn.WeChatMessagesOverHttpAsync("o-worker-1");
        kept.Count.ShouldBe(2);
        kept[0].TemplateId.ShouldBe("tpl-urgent");
        kept[0].Data["thing1"].ShouldBe("独居服务对象送餐未送达");
        _standIn.WeChat.TokenRequests.ShouldBe(1);
    }

    [Fact]
    public async Task A_wrong_secret_gets_no_token_and_nothing_is_kept()
    {
        var result = await Client("not-the-secret").SendAsync(Message("o-worker-2"), CancellationToken.None);

        result.Accepted.ShouldBeFalse();
        result.ErrCode.ShouldBe(40125);
        (await _standIn.WeChatMessagesOverHttpAsync("o-worker-2")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ended_tokens_are_renewed_and_the_send_goes_through()
    {
        var client = Client();
        await client.SendAsync(Message("o-worker-3"), CancellationToken.None);
        using (var http = new HttpClient { BaseAddress = _standIn.Address })
            (await http.PostAsync("standin/wechat/tokens/expire", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var result = await client.SendAsync(Message("o-worker-3"), CancellationToken.None);

        result.Accepted.ShouldBeTrue();
        _standIn.WeChat.TokenRequests.ShouldBe(2);
    }

    [Fact]
    public async Task A_follower_or_template_it_is_told_to_refuse_is_refused_with_the_platforms_code()
    {
        using var http = new HttpClient { BaseAddress = _standIn.Address };
        (await http.PostAsJsonAsync("standin/wechat/refusals", new WeChatRefusalRule("o-gone", null, 43101))).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("standin/wechat/refusals", new WeChatRefusalRule(null, "tpl-revoked", 40037))).EnsureSuccessStatusCode();

        var unsubscribed = await Client().SendAsync(Message("o-gone"), CancellationToken.None);
        var revoked = await Client().SendAsync(Message("o-worker-4", "tpl-revoked"), CancellationToken.None);
        var fine = await Client().SendAsync(Message("o-worker-4"), CancellationToken.None);

        unsubscribed.Refusal.ShouldBe(WeChatRefusal.Unsubscribed);
        unsubscribed.Tries.ShouldBe(1);
        revoked.Refusal.ShouldBe(WeChatRefusal.TemplateBroken);
        fine.Accepted.ShouldBeTrue();
        (await _standIn.WeChatMessagesOverHttpAsync("o-gone")).ShouldHaveSingleItem().ErrCode.ShouldBe(43101);
    }

    [Fact]
    public async Task A_sign_in_gives_a_one_time_code_for_the_followers_openid()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _standIn.Address };
        var authorize = await http.GetAsync("connect/oauth2/authorize?appid=wx-test-app&redirect_uri="
            + Uri.EscapeDataString("http://127.0.0.1:1/auth/wechat/callback") + "&response_type=code&scope=snsapi_base&state=s-1&standin_openid=o-bound");

        authorize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var back = authorize.Headers.Location!;
        back.AbsolutePath.ShouldBe("/auth/wechat/callback");
        var query = System.Web.HttpUtility.ParseQueryString(back.Query);
        query["state"].ShouldBe("s-1");
        var exchange = $"sns/oauth2/access_token?appid=wx-test-app&secret=wx-test-secret&code={query["code"]}&grant_type=authorization_code";
        var first = JsonDocument.Parse(await http.GetStringAsync(exchange)).RootElement;
        var again = JsonDocument.Parse(await http.GetStringAsync(exchange)).RootElement;

        first.GetProperty("openid").GetString().ShouldBe("o-bound");
        again.GetProperty("errcode").GetInt32().ShouldBe(40029);
    }
}
