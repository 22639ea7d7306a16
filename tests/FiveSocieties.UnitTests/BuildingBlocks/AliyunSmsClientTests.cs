using System.Net;
using FiveSocieties.BuildingBlocks.Sms;
using Microsoft.Extensions.Logging.Abstractions;

namespace FiveSocieties.UnitTests.BuildingBlocks;

public class AliyunSmsClientTests
{
    // The platform's own worked example of a signed SendSms request ("HTTP协议及签名", Alibaba Cloud
    // SMS: https://help.aliyun.com/document_detail/101343.htm, also https://developer.aliyun.com/ask/218522):
    // key testId / testSecret, GET, and the signature it prints, zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D.
    private static readonly KeyValuePair<string, string>[] PublishedExample =
    [
        new("AccessKeyId", "testId"), new("Action", "SendSms"), new("Format", "XML"), new("OutId", "123"),
        new("PhoneNumbers", "15300000001"), new("RegionId", "cn-hangzhou"), new("SignName", "阿里云短信测试专用"),
        new("SignatureMethod", "HMAC-SHA1"), new("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
        new("SignatureVersion", "1.0"), new("TemplateCode", "SMS_71390007"), new("TemplateParam", "{\"customer\":\"test\"}"),
        new("Timestamp", "2017-07-12T02:42:19Z"), new("Version", "2017-05-25"),
    ];

    [Fact]
    public void Signing_the_published_SendSms_example_gives_the_published_signature()
    {
        var signature = AliyunSignature.Sign("GET", PublishedExample, "testSecret");

        signature.ShouldBe("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
        AliyunSignature.PercentEncode(signature).ShouldBe("zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D");
    }

    [Fact]
    public void The_published_example_verifies_and_a_changed_parameter_does_not()
    {
        AliyunSignature.Verify("GET", PublishedExample, "testSecret", "zJDF+Lrzhj/ThnlvIToysFRq6t4=").ShouldBeTrue();
        var forged = PublishedExample.Select(p => p.Key == "PhoneNumbers" ? new KeyValuePair<string, string>(p.Key, "15300000002") : p);
        AliyunSignature.Verify("GET", forged, "testSecret", "zJDF+Lrzhj/ThnlvIToysFRq6t4=").ShouldBeFalse();
        AliyunSignature.Verify("POST", PublishedExample, "testSecret", "zJDF+Lrzhj/ThnlvIToysFRq6t4=").ShouldBeFalse();
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("*", "%2A")]
    [InlineData("~-_.", "~-_.")]
    [InlineData("五", "%E4%BA%94")]
    public void Percent_encoding_is_RFC_3986(string value, string encoded) => AliyunSignature.PercentEncode(value).ShouldBe(encoded);

    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("+86 138-1234-5678", "13812345678")]
    [InlineData("12812345678", null)]
    [InlineData("1381234567", null)]
    [InlineData("010-12345678", null)]
    public void Only_mainland_mobile_numbers_are_accepted(string value, string? normalised) => PhoneNumbers.Normalise(value).ShouldBe(normalised);

    [Fact]
    public void A_number_in_a_log_keeps_its_first_three_and_last_four_digits() => PhoneNumbers.Mask("13812345678").ShouldBe("138****5678");

    [Fact]
    public async Task A_throttled_send_is_tried_again_and_its_signature_checks_out()
    {
        var platform = new Platform("Throttling.User", "OK");
        var result = await Client(platform).SendAsync(Message, CancellationToken.None);

        result.Accepted.ShouldBeTrue();
        result.BizId.ShouldBe("biz-2");
        result.Tries.ShouldBe(2);
        platform.Requests.Count.ShouldBe(2);
        platform.Requests.ShouldAllBe(r => AliyunSignature.Verify("POST", r, "secret", r.Single(p => p.Key == "Signature").Value));
        platform.Requests.Select(r => r.Single(p => p.Key == "SignatureNonce").Value).Distinct().Count().ShouldBe(2);
        platform.Requests[0].Single(p => p.Key == "TemplateParam").Value.ShouldBe("{\"date\":\"12月7日\"}");
    }

    [Fact]
    public async Task A_bad_template_is_final_at_the_first_answer()
    {
        var platform = new Platform("isv.SMS_TEMPLATE_ILLEGAL", "OK");
        var result = await Client(platform).SendAsync(Message, CancellationToken.None);

        result.Accepted.ShouldBeFalse();
        result.Code.ShouldBe("isv.SMS_TEMPLATE_ILLEGAL");
        result.Transient.ShouldBeFalse();
        platform.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Server_errors_are_tried_until_the_retries_run_out()
    {
        var platform = new Platform("isp.SYSTEM_ERROR", "isp.SYSTEM_ERROR", "isp.SYSTEM_ERROR", "isp.SYSTEM_ERROR", "OK");
        var result = await Client(platform).SendAsync(Message, CancellationToken.None);

        result.Accepted.ShouldBeFalse();
        result.Code.ShouldBe("isp.SYSTEM_ERROR");
        result.Tries.ShouldBe(3);
    }

    [Fact]
    public void A_production_host_with_the_channel_enabled_and_no_credentials_refuses_to_start_naming_them()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
            new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration["Sms:Enabled"] = "true";
        builder.Configuration["Sms:AccessKeyId"] = "id";

        var refusal = Should.Throw<InvalidOperationException>(() => builder.AddSmsClient());
        refusal.Message.ShouldContain("Sms:AccessKeySecret");
        refusal.Message.ShouldContain("Sms:SignName");
        refusal.Message.ShouldNotContain("Sms:AccessKeyId");
    }

    private static readonly SmsMessage Message = new("13812345678", "SMS_100001", new Dictionary<string, string> { ["date"] = "12月7日" }, "n-1");

    private static AliyunSmsClient Client(Platform platform) => new(new HttpClient(platform),
        new SmsSettings
        {
            Enabled = true, Endpoint = "http://sms.test/", AccessKeyId = "id", AccessKeySecret = "secret", SignName = "五社联动",
            ReceiptToken = "0123456789abcdef", Retries = 2, RetryBaseDelay = TimeSpan.Zero,
        }, TimeProvider.System, NullLogger<AliyunSmsClient>.Instance);

    /// <summary>Answers each request with the next code in line, keeping what it was sent.</summary>
    private sealed class Platform(params string[] codes) : HttpMessageHandler
    {
        public List<List<KeyValuePair<string, string>>> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            Requests.Add(form.Split('&').Select(p => p.Split('=', 2))
                .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0].Replace('+', ' ')), Uri.UnescapeDataString(p[1].Replace('+', ' '))))
                .ToList());
            var code = codes[Requests.Count - 1];
            var json = code == "OK"
                ? $"{{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"biz-{Requests.Count}\",\"RequestId\":\"r\"}}"
                : $"{{\"Code\":\"{code}\",\"Message\":\"no\",\"RequestId\":\"r\"}}";
            return new HttpResponseMessage(code == "isp.SYSTEM_ERROR" ? HttpStatusCode.InternalServerError : HttpStatusCode.OK)
            {
                Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            };
        }
    }
}
