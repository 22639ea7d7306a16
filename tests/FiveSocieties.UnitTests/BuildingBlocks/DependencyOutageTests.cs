using System.Net.Sockets;
using FiveSocieties.BuildingBlocks.Http;
using Marten.Exceptions;
using Npgsql;

namespace FiveSocieties.UnitTests.BuildingBlocks;

public class DependencyOutageTests
{
    private static PostgresException Server(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown)]
    [InlineData(PostgresErrorCodes.CannotConnectNow)]
    [InlineData(PostgresErrorCodes.TooManyConnections)]
    [InlineData(PostgresErrorCodes.ConnectionFailure)]
    public void A_server_shutting_down_starting_or_full_is_an_outage(string sqlState) =>
        DependencyOutage.Is(Server(sqlState)).ShouldBeTrue();

    [Theory]
    [InlineData(PostgresErrorCodes.UniqueViolation)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    [InlineData(PostgresErrorCodes.UndefinedTable)]
    public void A_server_refusing_what_it_was_asked_is_not(string sqlState) =>
        DependencyOutage.Is(Server(sqlState)).ShouldBeFalse();

    [Fact]
    public void No_answer_at_all_is_an_outage_however_deep_it_is_wrapped()
    {
        DependencyOutage.Is(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))).ShouldBeTrue();
        DependencyOutage.Is(new MartenCommandException(new NpgsqlCommand("select 1"), new NpgsqlException("Exception while reading from stream", new EndOfStreamException())))
            .ShouldBeTrue();
        DependencyOutage.Is(new InvalidOperationException("a bug", new ArgumentException("not an outage"))).ShouldBeFalse();
    }
}
