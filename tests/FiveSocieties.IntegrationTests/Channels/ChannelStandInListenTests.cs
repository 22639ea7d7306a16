using FiveSocieties.ChannelStandIns;

namespace FiveSocieties.IntegrationTests.Channels;

/// <summary>
/// The stand-ins are a development tool: on loopback only, except inside docker-compose, where the
/// other containers reach them over the compose network (and compose publishes the port on the
/// host's loopback); never in Production.
/// </summary>
public sealed class ChannelStandInListenTests
{
    [Fact]
    public void A_non_loopback_address_is_refused_unless_in_a_container_network()
    {
        Should.Throw<InvalidOperationException>(() => ChannelStandIn.Build(["--urls=http://0.0.0.0:0", "--environment=Development"]))
            .Message.ShouldContain("loopback only");

        var app = ChannelStandIn.Build(["--urls=http://0.0.0.0:0", "--environment=Development", $"--{ChannelStandIn.ContainerNetworkSetting}=true"]);
        ((IDisposable)app).Dispose();
    }

    [Fact]
    public void It_never_runs_in_Production_even_in_a_container_network() =>
        Should.Throw<InvalidOperationException>(() => ChannelStandIn.Build(
            ["--urls=http://0.0.0.0:0", "--environment=Production", $"--{ChannelStandIn.ContainerNetworkSetting}=true"]))
            .Message.ShouldContain("development tool");
}
