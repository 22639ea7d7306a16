using FiveSocieties.BuildingBlocks.Sms;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace FiveSocieties.IntegrationTests.Channels;

/// <summary>
/// The SMS stand-in speaks the platform's API to the real client: it checks the signature, the
/// timestamp and the nonce as the platform does, refuses templates it has not approved, keeps what
/// it accepted, and answers a number with the error code it was told to.
/// </summary>
public sealed class SmsStandInTests : IAsyncLifetime
{
    private ChannelStandInHost _standIn = null!;

    public async Task InitializeAsync() => _standIn = await ChannelStandInHost.StartAsync(["SMS_100001"]);

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    private AliyunSmsClient Client(string secret = ChannelStandInHost.AccessKeySecret) => new(new HttpClient(), new SmsSettings
    {
        Enabled = true, Endpoint = _standIn.Address.ToString(), AccessKeyId = ChannelStandInHost.AccessKeyId, AccessKeySecret = secret,
        SignName = "五社联动", ReceiptToken = "0123456789abcdef", Retries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1),
    }, TimeProvider.System, NullLogger<AliyunSmsClient>.Instance);

    private static SmsMessage Message(string phone, string template = "SMS_100001") =>
        new(phone, template, new Dictionary<string, string> { ["date"] = "12月7日" }, Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_signed_send_is_accepted_and_kept_with_its_zh_CN_parameters()
    {
        var result = await Client().SendAsync(Message("13800000001"), CancellationToken.None);

        result.Accepted.ShouldBeTrue();
        result.BizId.ShouldNotBeNullOrEmpty();
        var kept = (await _standIn.MessagesOverHttpAsync("13800000001")).ShouldHaveSingleItem();
        kept.TemplateCode.ShouldBe("SMS_100001");
        kept.SignName.ShouldBe("五社联动");
        kept.Parameters["date"].ShouldBe("12月7日");
    }

    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_is_refused_and_nothing_kept()
    {
        var result = await Client("not-the-secret").SendAsync(Message("13800000002"), CancellationToken.None);

        result.Code.ShouldBe("SignatureDoesNotMatch");
        result.Tries.ShouldBe(1);
        (await _standIn.MessagesOverHttpAsync("13800000002")).ShouldBeEmpty();
    }

    [Fact]
    public async Task It_answers_as_the_platform_does_in_PascalCase()
    {
        using var http = new HttpClient { BaseAddress = _standIn.Address };
        var body = await (await http.PostAsync("/", new FormUrlEncodedContent([new("Action", "SendSms"), new("AccessKeyId", ChannelStandInHost.AccessKeyId)])))
            .Content.ReadAsStringAsync();

        body.ShouldContain("\"Code\":\"SignatureDoesNotMatch\"");
        body.ShouldContain("\"RequestId\":");
    }

    [Fact]
    public async Task A_template_the_platform_has_not_approved_is_refused_once()
    {
        var result = await Client().SendAsync(Message("13800000003", "SMS_999999"), CancellationToken.None);

        result.Code.ShouldBe("isv.SMS_TEMPLATE_ILLEGAL");
        result.Tries.ShouldBe(1);
    }

    [Fact]
    public async Task A_number_told_to_throttle_twice_gets_through_on_the_third_try()
    {
        await _standIn.FailAsync("13800000004", "isv.BUSINESS_LIMIT_CONTROL", times: 2);

        var result = await Client().SendAsync(Message("13800000004"), CancellationToken.None);

        result.Accepted.ShouldBeTrue();
        result.Tries.ShouldBe(3);
        (await _standIn.MessagesOverHttpAsync("13800000004")).Select(m => m.Code)
            .ShouldBe(["isv.BUSINESS_LIMIT_CONTROL", "isv.BUSINESS_LIMIT_CONTROL", "OK"]);
    }
}
