using System.Net;
using System.Web;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;

namespace FiveSocieties.IntegrationTests.Web;

/// <summary>
/// Binding WeChat through the Web host, without a browser: the signed-in caseworker is sent to the
/// official account's sign-in (the stand-in), comes back with a code and the state, and their
/// openid is recorded in Notifications as them. A forged or replayed state writes nothing.
/// </summary>
public sealed class WeChatBindingTests(WebCity city) : IClassFixture<WebCity>
{
    /// <summary>The stand-in's sign-in as the person in WeChat: the callback address it sends them back to, with code and state.</summary>
    private async Task<Uri> SignInAtWeChatAsync(Uri authorize, string openId)
    {
        using var wechat = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var answer = await wechat.GetAsync(authorize + "&standin_openid=" + openId);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return answer.Headers.Location!;
    }

    private static async Task<Uri> StartBindingAsync(HttpClient browser)
    {
        var bind = await browser.GetAsync("/auth/wechat/bind");
        bind.StatusCode.ShouldBe(HttpStatusCode.Redirect, await bind.Content.ReadAsStringAsync());
        // The fragment (#wechat_redirect) is for WeChat's page, never sent.
        return new Uri(bind.Headers.Location!.GetLeftPart(UriPartial.Query));
    }

    [Fact]
    public async Task A_signed_in_person_binds_their_openid_through_the_WeChat_sign_in()
    {
        var (browser, _) = await city.SignedInAsync(city.CaseworkerA);
        (await Json(await browser.GetAsync("/auth/wechat"))).GetProperty("enabled").GetBoolean().ShouldBeTrue("the app offers binding");
        var authorize = await StartBindingAsync(browser);
        var query = HttpUtility.ParseQueryString(authorize.Query);
        query["scope"].ShouldBe("snsapi_base");
        query["redirect_uri"]!.ShouldEndWith("/auth/wechat/callback");
        query["state"]!.Length.ShouldBeGreaterThan(40);

        var back = await SignInAtWeChatAsync(authorize, "o-caseworker-a-0123456789");
        var callback = await browser.GetAsync(back.PathAndQuery);
        callback.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await callback.Content.ReadAsStringAsync()).ShouldContain("/auth/wechat/finish");
        var finish = await browser.GetAsync("/auth/wechat/finish");

        finish.StatusCode.ShouldBe(HttpStatusCode.Redirect, await finish.Content.ReadAsStringAsync());
        finish.Headers.Location!.ToString().ShouldBe("/settings/notifications?wechat=bound");
        var binding = await Json(await browser.GetAsync("/api/notifications/wechat-binding"));
        binding.GetProperty("bound").GetBoolean().ShouldBeTrue();
        binding.GetProperty("status").GetString().ShouldBe("Active");

        // The same callback again: refused, and the binding stays as it was.
        var replayed = await browser.GetAsync(back.PathAndQuery);
        replayed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await browser.GetAsync("/auth/wechat/finish")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(await browser.GetAsync("/api/notifications/wechat-binding"))).GetProperty("version").GetInt64().ShouldBe(binding.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_state_not_from_this_session_writes_nothing()
    {
        var (browser, _) = await city.SignedInAsync(city.SupervisorA);
        var authorize = await StartBindingAsync(browser);
        var back = await SignInAtWeChatAsync(authorize, "o-supervisor-a-0123456789");
        var forged = back.PathAndQuery.Replace("state=" + HttpUtility.ParseQueryString(back.Query)["state"], "state=forged-by-another-site");

        var callback = await browser.GetAsync(forged);

        callback.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await callback.Content.ReadAsStringAsync()).ShouldContain("wechat.state");
        (await browser.GetAsync("/auth/wechat/finish")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(await browser.GetAsync("/api/notifications/wechat-binding"))).GetProperty("bound").GetBoolean().ShouldBeFalse();

        // Someone else's callback, in a session that never started one: refused too.
        var (other, _) = await city.SignedInAsync(city.CaseworkerB);
        (await other.GetAsync(back.PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Signed_out_nobody_is_sent_to_WeChat()
    {
        var bind = await city.Web.Browser().GetAsync("/auth/wechat/bind");
        bind.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        bind.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }
}
