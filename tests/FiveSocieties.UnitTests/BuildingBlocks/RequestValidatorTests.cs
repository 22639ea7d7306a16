using FiveSocieties.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;

namespace FiveSocieties.UnitTests.BuildingBlocks;

public sealed class RequestValidatorTests
{
    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var validator = new RequestValidator();
        validator.RequiredId(null, "stationId");
        validator.RequiredId(Guid.Empty, "caseworkerId");
        validator.RequiredText("   ", "location.grid");
        validator.RequiredText(new string('x', 65), "location.district", 64);
        validator.Required<int>(null, "count");
        validator.RequiredText("ok", "fine");

        var invalid = Should.Throw<InvalidRequest>(validator.ThrowIfInvalid);
        invalid.Errors.Keys.ShouldBe(["stationId", "caseworkerId", "location.grid", "location.district", "count"], ignoreOrder: true);
    }

    [Fact]
    public void A_valid_request_passes_and_returns_its_values()
    {
        var validator = new RequestValidator();
        var id = Guid.NewGuid();
        validator.RequiredId(id, "id").ShouldBe(id);
        validator.RequiredText("  网格 ", "grid").ShouldBe("网格");
        validator.IsValid.ShouldBeTrue();
        Should.NotThrow(validator.ThrowIfInvalid);
    }

    [Theory]
    [InlineData("\"3\"", 3L)]
    [InlineData("W/\"12\"", 12L)]
    [InlineData("", null)]
    [InlineData("*", null)]
    public void If_match_carries_the_expected_version(string header, long? expected)
    {
        var http = new DefaultHttpContext();
        if (header.Length > 0) http.Request.Headers.IfMatch = header;
        ExpectedVersion.FromIfMatch(http.Request).ShouldBe(expected);
    }

    [Fact]
    public void A_malformed_if_match_is_a_bad_request_naming_the_header()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.IfMatch = "\"seven\"";
        Should.Throw<InvalidRequest>(() => ExpectedVersion.FromIfMatch(http.Request)).Errors.Keys.ShouldBe(["If-Match"]);
    }
}
