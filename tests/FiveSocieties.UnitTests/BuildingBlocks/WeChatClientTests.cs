using System.Net;
using FiveSocieties.BuildingBlocks.Configuration;
using FiveSocieties.BuildingBlocks.WeChat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FiveSocieties.UnitTests.BuildingBlocks;

public class WeChatClientTests
{
    private static readonly WeChatSubscribeMessage Message = new("oFollower123", "tpl-missed-meal", "https://station.test/alarms",
        new Dictionary<string, string> { ["thing1"] = "独居老人送餐未送达", ["time2"] = "12月7日" });

    [Fact]
    public async Task A_send_posts_the_bizsend_body_with_the_access_token_it_obtained()
    {
        var platform = new Platform();
        var result = await Client(platform).SendAsync(Message, CancellationToken.None);

        result.Accepted.ShouldBeTrue();
        platform.TokenRequests.Single().ShouldBe("""{"grant_type":"client_credential","appid":"wx-app","secret":"app-secret"}""");
        var (uri, body) = platform.Sends.Single();
        uri.AbsolutePath.ShouldBe("/cgi-bin/message/subscribe/bizsend");
        uri.Query.ShouldBe("?access_token=token-1");
        body.ShouldBe("""{"touser":"oFollower123","template_id":"tpl-missed-meal","page":"https://station.test/alarms","data":{"thing1":{"value":"独居老人送餐未送达"},"time2":{"value":"12月7日"}}}""");
    }

    [Fact]
    public async Task The_token_is_kept_until_shortly_before_it_expires_then_renewed()
    {
        var platform = new Platform();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T08:00:00Z"));
        var client = Client(platform, time);

        await client.SendAsync(Message, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(7200) - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await client.SendAsync(Message, CancellationToken.None);
        platform.TokenRequests.Count.ShouldBe(1);

        time.Advance(TimeSpan.FromSeconds(1));
        await client.SendAsync(Message, CancellationToken.None);
        platform.TokenRequests.Count.ShouldBe(2);
        platform.Sends.Select(s => s.Uri.Query).ShouldBe(["?access_token=token-1", "?access_token=token-1", "?access_token=token-2"]);
    }

    [Fact]
    public async Task Many_senders_at_once_share_one_token_renewal()
    {
        var platform = new Platform { HoldTokens = new TaskCompletionSource() };
        var client = Client(platform);

        var sends = Enumerable.Range(0, 20).Select(_ => Task.Run(() => client.SendAsync(Message, CancellationToken.None))).ToList();
        await platform.TokenAsked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        platform.HoldTokens.SetResult();
        var results = await Task.WhenAll(sends);

        results.ShouldAllBe(r => r.Accepted);
        platform.TokenRequests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(40001)]
    [InlineData(42001)]
    public async Task A_token_the_platform_rejects_is_dropped_and_the_send_tried_once_more(int errCode)
    {
        var platform = new Platform(errCode, 0);
        var result = await Client(platform).SendAsync(Message, CancellationToken.None);

        result.Accepted.ShouldBeTrue();
        platform.TokenRequests.Count.ShouldBe(2);
        platform.Sends.Select(s => s.Uri.Query).ShouldBe(["?access_token=token-1", "?access_token=token-2"]);
    }

    [Fact]
    public async Task A_token_rejected_again_after_renewal_is_not_renewed_in_a_loop()
    {
        var platform = new Platform(40001, 40001, 0);
        var result = await Client(platform).SendAsync(Message, CancellationToken.None);

        result.Accepted.ShouldBeFalse();
        result.ErrCode.ShouldBe(40001);
        platform.Sends.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(43101, WeChatRefusal.Unsubscribed)]
    [InlineData(40037, WeChatRefusal.TemplateBroken)]
    [InlineData(40036, WeChatRefusal.TemplateBroken)]
    [InlineData(43107, WeChatRefusal.TemplateBroken)]
    [InlineData(40003, WeChatRefusal.OpenIdInvalid)]
    public async Task A_refusal_is_final_at_the_first_answer_and_named(int errCode, WeChatRefusal refusal)
    {
        var platform = new Platform(errCode, 0);
        var result = await Client(platform).SendAsync(Message, CancellationToken.None);

        result.Accepted.ShouldBeFalse();
        result.Refusal.ShouldBe(refusal);
        result.Transient.ShouldBeFalse();
        platform.Sends.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_busy_platform_is_tried_until_the_retries_run_out()
    {
        var platform = new Platform(-1, -1, -1, 0);
        var result = await Client(platform).SendAsync(Message, CancellationToken.None);

        result.Accepted.ShouldBeFalse();
        result.ErrCode.ShouldBe(-1);
        result.Transient.ShouldBeTrue();
        result.Tries.ShouldBe(3);
    }

    [Fact]
    public async Task A_server_error_is_tried_again()
    {
        var platform = new Platform(500, 0);
        var result = await Client(platform).SendAsync(Message, CancellationToken.None);

        result.Accepted.ShouldBeTrue();
        result.Tries.ShouldBe(2);
    }

    [Fact]
    public async Task A_wrong_secret_sends_nothing_and_says_why()
    {
        var platform = new Platform { TokenError = 40125 };
        var result = await Client(platform).SendAsync(Message, CancellationToken.None);

        result.Accepted.ShouldBeFalse();
        result.ErrCode.ShouldBe(40125);
        result.Transient.ShouldBeFalse();
        platform.Sends.ShouldBeEmpty();
    }

    [Fact]
    public void The_sign_in_goes_to_the_authorize_page_for_the_openid_only_with_the_state()
    {
        var url = new Uri(Client(new Platform()).AuthorizeUrl("https://bench.test/auth/wechat/callback", "s-1"));

        url.GetLeftPart(UriPartial.Path).ShouldBe("https://open.weixin.qq.com/connect/oauth2/authorize");
        url.Query.ShouldBe("?appid=wx-app&redirect_uri=https%3A%2F%2Fbench.test%2Fauth%2Fwechat%2Fcallback&response_type=code&scope=snsapi_base&state=s-1");
        url.Fragment.ShouldBe("#wechat_redirect");
    }

    [Fact]
    public void Production_with_the_channel_enabled_and_no_credentials_is_refused_naming_them()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:Enabled"] = "true", ["WeChat:AppId"] = "wx-app",
        }).Build();

        var found = ProductionSecrets.Find(configuration, [WeChatSetup.ProductionProblems]);

        found.Select(f => f.Setting).ShouldBe(["WeChat:AppSecret"]);
        ProductionSecrets.Refusal(found).ShouldContain("WeChat:AppSecret");
    }

    [Fact]
    public void The_stand_ins_secret_is_refused_and_a_disabled_channel_needs_nothing()
    {
        var standIn = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:Enabled"] = "true", ["WeChat:AppId"] = "wx-app", ["WeChat:AppSecret"] = WeChatSetup.StandInAppSecret,
        }).Build();
        var off = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["WeChat:Enabled"] = "false" }).Build();

        WeChatSetup.ProductionProblems(standIn).Select(f => f.Setting).ShouldBe(["WeChat:AppSecret"]);
        WeChatSetup.ProductionProblems(off).ShouldBeEmpty();
    }

    private static WeChatClient Client(Platform platform, TimeProvider? time = null) => new(new HttpClient(platform),
        new WeChatSettings { Enabled = true, Endpoint = "http://wechat.test/", AppId = "wx-app", AppSecret = "app-secret", Retries = 2, RetryBaseDelay = TimeSpan.Zero },
        time ?? TimeProvider.System, NullLogger<WeChatClient>.Instance);

    /// <summary>Hands out token-1, token-2 … (7200 s each) and answers each send with the next errcode in line (0 once they run out; 500 is an HTTP 500).</summary>
    private sealed class Platform(params int[] sendAnswers) : HttpMessageHandler
    {
        private int _tokens;
        private int _sends;
        public System.Collections.Concurrent.ConcurrentQueue<string> TokenRequestsQueue { get; } = new();
        public List<string> TokenRequests => TokenRequestsQueue.ToList();
        public List<(Uri Uri, string Body)> Sends { get; } = [];
        public TaskCompletionSource? HoldTokens { get; init; }
        public TaskCompletionSource TokenAsked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int? TokenError { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            if (request.RequestUri!.AbsolutePath == "/cgi-bin/stable_token")
            {
                TokenRequestsQueue.Enqueue(body);
                TokenAsked.TrySetResult();
                if (HoldTokens is not null) await HoldTokens.Task;
                return Json(TokenError is { } error
                    ? $$"""{"errcode":{{error}},"errmsg":"invalid appsecret"}"""
                    : $$"""{"access_token":"token-{{Interlocked.Increment(ref _tokens)}}","expires_in":7200}""");
            }
            int answer;
            lock (Sends)
            {
                Sends.Add((request.RequestUri, body));
                var index = _sends++;
                answer = index < sendAnswers.Length ? sendAnswers[index] : 0;
            }
            return answer == 500
                ? new HttpResponseMessage(HttpStatusCode.InternalServerError)
                : Json($$"""{"errcode":{{answer}},"errmsg":"{{(answer == 0 ? "ok" : "no")}}"}""");
        }

        private static HttpResponseMessage Json(string json) =>
            new(HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
    }
}
