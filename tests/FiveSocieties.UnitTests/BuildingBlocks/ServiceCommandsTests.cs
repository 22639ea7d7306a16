using FiveSocieties.BuildingBlocks.Hosting;

namespace FiveSocieties.UnitTests.BuildingBlocks;

/// <summary>The container's health check asks the host where it listens, as the image configures it.</summary>
public sealed class ServiceCommandsTests
{
    [Theory]
    [InlineData("http://0.0.0.0:8080", null, "http://127.0.0.1:8080/")]
    [InlineData("http://+:5101;https://+:5443", null, "http://127.0.0.1:5101/")]
    [InlineData("http://[::]:8080", null, "http://127.0.0.1:8080/")]
    [InlineData("http://127.0.0.1:5104/", null, "http://127.0.0.1:5104/")]
    [InlineData(null, "8081", "http://127.0.0.1:8081/")]
    [InlineData("", "8081;8082", "http://127.0.0.1:8081/")]
    [InlineData(null, null, "http://127.0.0.1:8080/")]
    public void The_probe_asks_the_first_address_the_host_listens_on(string? urls, string? httpPorts, string expected) =>
        ServiceCommands.ProbeAddress(urls, httpPorts).ToString().ShouldBe(expected);

    [Fact]
    public async Task Without_probe_first_the_host_starts_serving() =>
        (await ServiceCommands.ProbeIfAskedAsync(["migrate"])).ShouldBeNull();
}
